package io.chatbridge.config;

import io.chatbridge.conversation.Scope;
import io.chatbridge.i18n.Language;
import org.jspecify.annotations.Nullable;

/**
 * Settings that apply to one chat. In {@link BotConfig#defaults()} every field is set; in a
 * per-chat override a null field means "as the defaults".
 *
 * @param systemPrompt the system prompt
 * @param scope who shares a conversation context
 * @param triggerPrefix a text prefix that makes the bot answer in groups, such as {@code !ai};
 *     empty for none
 * @param model the model name
 * @param temperature sampling temperature
 * @param language the language of bot messages when the member's is unknown
 */
public record ChatSettings(
        @Nullable String systemPrompt,
        @Nullable Scope scope,
        @Nullable String triggerPrefix,
        @Nullable String model,
        @Nullable Double temperature,
        @Nullable Language language) {

    /** Settings with nothing set. */
    public static final ChatSettings EMPTY = new ChatSettings(null, null, null, null, null, null);

    /** Returns these settings with each unset field taken from {@code base}. */
    public ChatSettings over(ChatSettings base) {
        return new ChatSettings(
                systemPrompt != null ? systemPrompt : base.systemPrompt,
                scope != null ? scope : base.scope,
                triggerPrefix != null ? triggerPrefix : base.triggerPrefix,
                model != null ? model : base.model,
                temperature != null ? temperature : base.temperature,
                language != null ? language : base.language);
    }
}
