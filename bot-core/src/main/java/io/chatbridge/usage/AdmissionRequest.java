package io.chatbridge.usage;

import io.chatbridge.conversation.ConversationKey;
import io.chatbridge.engine.InboundMessage;
import io.chatbridge.i18n.Language;

/**
 * A model call the engine is about to make.
 *
 * @param message the member's message
 * @param key the conversation
 * @param admin whether the member is an admin (exempt from budgets)
 * @param model the model name
 * @param promptTokens the counted prompt tokens
 * @param maxOutputTokens the completion budget, the most the answer can cost
 * @param language the member's language, which refusal arguments such as a budget's name are
 *     written in
 */
public record AdmissionRequest(
        InboundMessage message, ConversationKey key, boolean admin, String model, int promptTokens, int maxOutputTokens,
        Language language) {}
