package io.chatbridge.config;

import io.chatbridge.engine.Platform;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks the per-chat overrides under {@code chats}, keyed by {@code platform:chatId}. */
final class ChatOverrideBinder {

    private static final Pattern TELEGRAM_CHAT = Pattern.compile("-?\\d{1,20}");
    private static final Pattern DISCORD_CHAT = Pattern.compile("\\d{1,20}");

    private final Problems problems;

    ChatOverrideBinder(Problems problems) {
        this.problems = problems;
    }

    /** Returns the valid overrides by chat reference, with null for each field not given. */
    Map<String, ChatSettings> bind(Map<String, Map<String, RawValue>> chats) {
        var bound = new LinkedHashMap<String, ChatSettings>();
        for (Map.Entry<String, Map<String, RawValue>> chat : chats.entrySet()) {
            String chatRef = chat.getKey();
            if (checkChatRef(chatRef)) {
                bound.put(chatRef, settings(chat.getValue()));
            }
        }
        return bound;
    }

    private boolean checkChatRef(String chatRef) {
        String path = YamlConfigReader.chatPath(chatRef);
        int colon = chatRef.indexOf(':');
        Platform platform = colon < 0 ? null : platformOf(chatRef.substring(0, colon));
        if (platform == null) {
            problems.rejectKey(path, "is not a chat reference, expected telegram:<chat id> or discord:<channel id>,"
                    + " such as \"telegram:-100123\"");
            return false;
        }
        String chatId = chatRef.substring(colon + 1);
        Pattern idPattern = platform == Platform.TELEGRAM ? TELEGRAM_CHAT : DISCORD_CHAT;
        if (!idPattern.matcher(chatId).matches()) {
            problems.rejectKey(path, "\"" + chatId + "\" is not " + ValueRules.idRule(platform));
            return false;
        }
        return true;
    }

    private static @Nullable Platform platformOf(String id) {
        return switch (id) {
            case "telegram" -> Platform.TELEGRAM;
            case "discord" -> Platform.DISCORD;
            default -> null;
        };
    }

    private ChatSettings settings(Map<String, RawValue> values) {
        return new ChatSettings(
                check(values.get("system_prompt"), v -> ValueRules.systemPrompt(v, problems)),
                check(values.get("scope"), v -> ValueRules.scope(v, problems)),
                check(values.get("trigger_prefix"), v -> ValueRules.triggerPrefix(v, problems)),
                check(values.get("model"), v -> ValueRules.modelName(v, problems)),
                check(values.get("temperature"), v -> ValueRules.number(v, 0, 2, problems)),
                check(values.get("language"), v -> ValueRules.language(v, problems)));
    }

    private static <T> @Nullable T check(@Nullable RawValue value, Function<RawValue, @Nullable T> rule) {
        return value == null ? null : rule.apply(value);
    }
}
