package io.chatbridge.usage;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.i18n.Language;
import org.jspecify.annotations.Nullable;

/**
 * Carries out {@code /budget}: shows budgets, and lets admins change a member's or a chat's budget
 * at run time.
 */
@FunctionalInterface
public interface BudgetCommand {

    /** The command for builds without budgets; {@code /budget} is then an unknown command. */
    BudgetCommand NONE = (message, arguments, admin, language) -> null;

    /**
     * Runs the command and returns the reply, or null when budgets are not available.
     *
     * @param message the member's message
     * @param arguments the text after {@code /budget}, trimmed, possibly empty
     * @param admin whether the member is an admin
     * @param language the language of the reply
     */
    @Nullable String handle(InboundMessage message, String arguments, boolean admin, Language language);
}
