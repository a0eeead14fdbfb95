/** Time seams (sleeping and scheduling) so that tests drive time instead of waiting. */
@NullMarked
package io.chatbridge.time;

import org.jspecify.annotations.NullMarked;
