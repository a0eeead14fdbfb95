/** Bot messages to chat members in English and Simplified Chinese. */
@NullMarked
package io.chatbridge.i18n;

import org.jspecify.annotations.NullMarked;
