/** Usage ledger, prices, budgets and rate limits. */
@NullMarked
package io.chatbridge.usage;

import org.jspecify.annotations.NullMarked;
