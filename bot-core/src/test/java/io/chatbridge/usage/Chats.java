package io.chatbridge.usage;

import io.chatbridge.conversation.ConversationKey;
import io.chatbridge.engine.InboundMessage;
import io.chatbridge.engine.Platform;
import io.chatbridge.engine.Sender;
import io.chatbridge.i18n.Language;
import io.chatbridge.model.ModelErrorKind;
import io.chatbridge.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Messages, admission requests and model calls for usage tests. */
final class Chats {

    static final String GROUP = "-1001000000001";
    static final String OTHER_GROUP = "-1001000000002";
    static final String MODEL = "gpt-4o-mini";

    private Chats() {}

    static InboundMessage groupMessage(String chatId, String userId, String name) {
        return message(chatId, userId, name, false);
    }

    static InboundMessage directMessage(String userId, String name) {
        return message(userId, userId, name, true);
    }

    static InboundMessage message(String chatId, String userId, String name, boolean direct) {
        return new InboundMessage(Platform.TELEGRAM, chatId, null, new Sender(userId, name, false, "en"), "hello",
                List.of(), direct, true, false, "m-" + userId, "chatbridge_test_bot", null);
    }

    static AdmissionRequest request(InboundMessage message, boolean admin, int promptTokens, int maxOutputTokens,
            Language language) {
        return new AdmissionRequest(message, key(message), admin, MODEL, promptTokens, maxOutputTokens, language);
    }

    static ConversationKey key(InboundMessage message) {
        return new ConversationKey(message.platform(), message.chatId(), null, null);
    }

    static ModelCall answered(InboundMessage message, Instant startedAt, String model, Usage usage) {
        return new ModelCall(startedAt, key(message), message.sender().id(), model, "api.openai.com", usage,
                Duration.ofMillis(420), Duration.ofMillis(1800), CallOutcome.ANSWERED, null);
    }

    static ModelCall call(InboundMessage message, Instant startedAt, Usage usage, @Nullable Duration firstToken,
            CallOutcome outcome, @Nullable ModelErrorKind error) {
        return new ModelCall(startedAt, key(message), message.sender().id(), MODEL, "relay.example.net", usage,
                firstToken, Duration.ofMillis(2500), outcome, error);
    }
}
