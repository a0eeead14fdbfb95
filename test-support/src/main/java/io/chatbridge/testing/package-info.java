/**
 * Local fakes of the services ChatBridge talks to, and access to the shared payload fixtures.
 *
 * <p>Everything here listens on 127.0.0.1 only and speaks the wire protocol, so it depends on no
 * ChatBridge module.
 */
@NullMarked
package io.chatbridge.testing;

import org.jspecify.annotations.NullMarked;
