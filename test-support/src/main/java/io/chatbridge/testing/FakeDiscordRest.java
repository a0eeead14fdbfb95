package io.chatbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The REST side of {@link FakeDiscordServer}: routes requests below the API base URL, keeps the
 * messages the bot sent and edited, and hands out injected failures. Thread-safe (every method
 * is synchronized).
 */
final class FakeDiscordRest {

    /** A response to write: status, extra headers and an optional JSON body. */
    record Reply(int status, Map<String, String> headers, String body) {
        static Reply json(int status, JsonNode body) {
            return new Reply(status, Map.of(), body.toString());
        }

        static Reply noContent() {
            return new Reply(204, Map.of(), "");
        }
    }

    /** A failure returned for the next {@code remaining} matching requests. */
    private static final class InjectedFailure {
        final String method;
        final String pathRegex;
        final Reply reply;
        int remaining;

        InjectedFailure(String method, String pathRegex, int remaining, Reply reply) {
            this.method = method;
            this.pathRegex = pathRegex;
            this.remaining = remaining;
            this.reply = reply;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final FakeSnowflakes snowflakes;
    private final Supplier<String> gatewayUrl;
    private final JsonNode botUser = Fixtures.json("discord/rest_users_me.json");
    private final Map<String, ObjectNode> messages = new LinkedHashMap<>();
    private final Map<String, String> interactionChannels = new HashMap<>();
    private final Map<String, String> originalMessageIds = new HashMap<>();
    private final List<InjectedFailure> failures = new ArrayList<>();
    private final List<JsonNode> threads = new ArrayList<>();
    private final String guildId;
    private ArrayNode commands = json.createArrayNode();

    FakeDiscordRest(FakeSnowflakes snowflakes, Supplier<String> gatewayUrl, String guildId) {
        this.snowflakes = snowflakes;
        this.gatewayUrl = gatewayUrl;
        this.guildId = guildId;
    }

    synchronized void injectFailure(String method, String pathRegex, int count, Reply reply) {
        failures.add(new InjectedFailure(method, pathRegex, count, reply));
    }

    /** Lets webhook calls with this interaction token post into the interaction's channel. */
    synchronized void registerInteraction(String token, String channelId) {
        interactionChannels.put(token, channelId);
    }

    /** Returns the current content of every message in a channel that was not deleted, oldest first. */
    synchronized List<String> channelMessages(String channelId) {
        return messages.values().stream()
                .filter(message -> message.path("channel_id").asText().equals(channelId))
                .map(message -> message.path("content").asText())
                .toList();
    }

    /** Returns the threads started on messages, oldest first. */
    synchronized List<JsonNode> threads() {
        return threads.stream().<JsonNode>map(JsonNode::deepCopy).toList();
    }

    /** Returns the commands last registered with {@code PUT applications/{id}/commands}. */
    synchronized JsonNode commands() {
        return commands.deepCopy();
    }

    synchronized Reply handle(String method, List<String> path, JsonNode body) {
        Reply injected = takeInjectedFailure(method, String.join("/", path));
        if (injected != null) {
            return injected;
        }
        Reply routed = route(method, path, body);
        return routed != null ? routed : error(404, 0, "404: Not Found");
    }

    private Reply takeInjectedFailure(String method, String path) {
        Iterator<InjectedFailure> it = failures.iterator();
        while (it.hasNext()) {
            InjectedFailure failure = it.next();
            if (failure.method.equals(method) && path.matches(failure.pathRegex)) {
                failure.remaining--;
                if (failure.remaining <= 0) {
                    it.remove();
                }
                return failure.reply;
            }
        }
        return null;
    }

    private Reply route(String method, List<String> path, JsonNode body) {
        String first = path.isEmpty() ? "" : path.get(0);
        return switch (first) {
            case "users" -> matches(path, "users", "@me") && method.equals("GET")
                    ? Reply.json(200, botUser) : null;
            case "gateway" -> method.equals("GET") ? gateway() : null;
            case "channels" -> channels(method, path, body);
            case "interactions" -> matches(path, "interactions", "*", "*", "callback")
                    && method.equals("POST") ? callback(path.get(1), path.get(2), body) : null;
            case "webhooks" -> webhooks(method, path, body);
            case "applications" -> matches(path, "applications", "*", "commands")
                    ? applicationCommands(method, path.get(1), body) : null;
            default -> null;
        };
    }

    private Reply gateway() {
        ObjectNode answer = json.createObjectNode();
        answer.put("url", gatewayUrl.get());
        answer.put("shards", 1);
        ObjectNode limit = answer.putObject("session_start_limit");
        limit.put("total", 1000);
        limit.put("remaining", 1000);
        limit.put("reset_after", 0);
        limit.put("max_concurrency", 1);
        return Reply.json(200, answer);
    }

    private Reply channels(String method, List<String> path, JsonNode body) {
        if (matches(path, "channels", "*", "typing") && method.equals("POST")) {
            return Reply.noContent();
        }
        if (matches(path, "channels", "*", "messages") && method.equals("POST")) {
            return Reply.json(200, createMessage(path.get(1), body, null));
        }
        if (matches(path, "channels", "*", "messages", "*", "threads") && method.equals("POST")) {
            return startThread(path.get(1), path.get(3), body);
        }
        if (matches(path, "channels", "*", "messages", "*")) {
            return switch (method) {
                case "PATCH" -> editMessage(path.get(3), body);
                case "DELETE" -> deleteMessage(path.get(3));
                default -> null;
            };
        }
        return null;
    }

    /** Starts a public thread on a message; like Discord, the thread gets the message's id. */
    private Reply startThread(String channelId, String messageId, JsonNode body) {
        ObjectNode thread = json.createObjectNode();
        thread.put("id", messageId);
        thread.put("type", 11);
        thread.put("guild_id", guildId);
        thread.put("parent_id", channelId);
        thread.put("owner_id", botUser.path("id").asText());
        thread.put("name", body.path("name").asText());
        thread.putNull("last_message_id");
        thread.put("rate_limit_per_user", 0);
        ObjectNode metadata = thread.putObject("thread_metadata");
        metadata.put("archived", false);
        metadata.put("auto_archive_duration", body.path("auto_archive_duration").asInt(1440));
        metadata.put("archive_timestamp", now());
        metadata.put("locked", false);
        thread.put("message_count", 0);
        thread.put("member_count", 1);
        threads.add(thread);
        return Reply.json(201, thread);
    }

    private Reply callback(String interactionId, String token, JsonNode body) {
        String channelId = interactionChannels.get(token);
        if (channelId == null) {
            return error(404, 10062, "Unknown interaction");
        }
        if (originalMessageIds.containsKey(token)) {
            return error(400, 40060, "Interaction has already been acknowledged.");
        }

        String originalId = snowflakes.next();
        originalMessageIds.put(token, originalId);
        int type = body.path("type").asInt();
        // Type 4 responds with a message at once; type 5 (deferred) shows "thinking" until edited.
        if (type == 4) {
            storeMessage(originalId, channelId, body.path("data"), token);
        }

        ObjectNode answer = json.createObjectNode();
        ObjectNode interaction = answer.putObject("interaction");
        interaction.put("id", interactionId);
        interaction.put("type", 2);
        interaction.put("response_message_id", originalId);
        interaction.put("response_message_loading", type == 5);
        interaction.put("response_message_ephemeral", false);
        answer.putObject("resource").put("type", type);
        return Reply.json(200, answer);
    }

    private Reply webhooks(String method, List<String> path, JsonNode body) {
        if (path.size() < 3) {
            return null;
        }
        String token = path.get(2);
        String channelId = interactionChannels.get(token);
        if (channelId == null) {
            return error(404, 10015, "Unknown Webhook");
        }
        if (path.size() == 3 && method.equals("POST")) {
            return Reply.json(200, createMessage(channelId, body, token));
        }
        if (matches(path, "webhooks", "*", "*", "messages", "*")) {
            String messageId = path.get(4).equals("@original") ? originalMessageIds.get(token) : path.get(4);
            if (messageId == null) {
                return error(404, 10008, "Unknown Message");
            }
            return switch (method) {
                case "PATCH" -> messages.containsKey(messageId)
                        ? editMessage(messageId, body)
                        : Reply.json(200, storeMessage(messageId, channelId, body, token));
                case "DELETE" -> deleteWebhookMessage(token, messageId);
                default -> null;
            };
        }
        return null;
    }

    /** Deletes a webhook message; a deferred response that was never filled in can be deleted too. */
    private Reply deleteWebhookMessage(String token, String messageId) {
        boolean deferredOriginal = messageId.equals(originalMessageIds.get(token)) && !messages.containsKey(messageId);
        return deferredOriginal ? Reply.noContent() : deleteMessage(messageId);
    }

    private Reply applicationCommands(String method, String applicationId, JsonNode body) {
        if (method.equals("GET")) {
            return Reply.json(200, commands);
        }
        if (!method.equals("PUT") || !body.isArray()) {
            return null;
        }
        ArrayNode registered = json.createArrayNode();
        for (JsonNode command : body) {
            ObjectNode copy = ((ObjectNode) command).deepCopy();
            String id = snowflakes.next();
            copy.put("id", id);
            copy.put("application_id", applicationId);
            copy.put("version", id);
            registered.add(copy);
        }
        commands = registered;
        return Reply.json(200, registered);
    }

    private ObjectNode createMessage(String channelId, JsonNode body, String webhookToken) {
        return storeMessage(snowflakes.next(), channelId, body, webhookToken);
    }

    private ObjectNode storeMessage(String id, String channelId, JsonNode body, String webhookToken) {
        ObjectNode message = json.createObjectNode();
        message.put("id", id);
        message.put("type", body.has("message_reference") ? 19 : 0);
        message.put("channel_id", channelId);
        message.set("author", botUser);
        message.put("content", body.path("content").asText(""));
        message.put("timestamp", now());
        message.putNull("edited_timestamp");
        message.put("tts", false);
        message.put("mention_everyone", false);
        message.putArray("mentions");
        message.putArray("mention_roles");
        message.putArray("attachments");
        message.putArray("embeds");
        message.put("pinned", false);
        message.put("flags", body.path("flags").asInt(0));
        message.putArray("components");
        if (body.has("message_reference")) {
            message.set("message_reference", body.get("message_reference"));
        }
        if (webhookToken != null) {
            message.put("webhook_id", botUser.path("id").asText());
            message.put("application_id", botUser.path("id").asText());
        }
        messages.put(id, message);
        return message;
    }

    private Reply editMessage(String messageId, JsonNode body) {
        ObjectNode message = messages.get(messageId);
        if (message == null) {
            return error(404, 10008, "Unknown Message");
        }
        if (body.has("content")) {
            message.put("content", body.path("content").asText(""));
        }
        message.put("edited_timestamp", now());
        return Reply.json(200, message);
    }

    private Reply deleteMessage(String messageId) {
        return messages.remove(messageId) != null ? Reply.noContent() : error(404, 10008, "Unknown Message");
    }

    private Reply error(int status, int code, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("message", message);
        body.put("code", code);
        return Reply.json(status, body);
    }

    private static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }

    /** Returns whether the path has the pattern's segments, where {@code *} matches any one segment. */
    private static boolean matches(List<String> path, String... pattern) {
        if (path.size() != pattern.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (!pattern[i].equals("*") && !pattern[i].equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }
}
