/** The launcher: the {@code run}, {@code check} and {@code chat} commands and the wiring behind them. */
@NullMarked
package io.chatbridge.deploy;

import org.jspecify.annotations.NullMarked;
