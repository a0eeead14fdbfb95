package io.chatbridge.usage;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.i18n.Language;
import org.jspecify.annotations.Nullable;

/** Writes the answer to {@code /usage}. */
@FunctionalInterface
public interface UsageReporter {

    /** A reporter for builds without a usage ledger; {@code /usage} is then an unknown command. */
    UsageReporter NONE = (message, admin, language) -> null;

    /**
     * Returns the report for the member (or, for an admin in a group, for the group), or null when
     * usage reports are not available.
     */
    @Nullable String report(InboundMessage message, boolean admin, Language language);
}
