/** Streaming replies: the platform-neutral streamer, message splitting and the adapter sink. */
@NullMarked
package io.chatbridge.reply;

import org.jspecify.annotations.NullMarked;
