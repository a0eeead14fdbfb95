/** Conversations: keys and scopes, turns, the context cache and prompt building. */
@NullMarked
package io.chatbridge.conversation;

import org.jspecify.annotations.NullMarked;
