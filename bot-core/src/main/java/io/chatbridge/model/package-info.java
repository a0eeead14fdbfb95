/** The OpenAI-compatible chat model client: requests, streaming, typed errors and retries. */
@NullMarked
package io.chatbridge.model;

import org.jspecify.annotations.NullMarked;
