/** Inbound messages: remembering which platform messages were received and answered, so each is answered once. */
@NullMarked
package io.chatbridge.inbound;

import org.jspecify.annotations.NullMarked;
