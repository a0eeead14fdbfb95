/** The launcher: the {@code run}, {@code check}, {@code chat} and {@code usage} commands and the wiring behind them. */
@NullMarked
package io.chatbridge.deploy;

import org.jspecify.annotations.NullMarked;
