package io.chatbridge.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ChatRequest} as a streamed chat completions request body.
 *
 * <p>A message made only of text gets {@code content} as a string, which every relay accepts. A
 * message with images gets {@code content} as an array of {@code text} and {@code image_url} parts.
 * The body requests usage in the stream ({@code stream_options.include_usage}).
 */
final class ChatRequestJson {

    private final ObjectMapper json;

    ChatRequestJson(ObjectMapper json) {
        this.json = json;
    }

    /** Returns the JSON body for a streamed request. */
    String encode(ChatRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", request.model());

        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            messages.add(encode(message));
        }

        body.put("temperature", request.temperature());
        body.put("max_tokens", request.maxOutputTokens());
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        return body.toString();
    }

    private ObjectNode encode(ChatMessage message) {
        ObjectNode node = json.createObjectNode();
        node.put("role", message.role().wireName());

        boolean textOnly = message.parts().stream().allMatch(part -> part instanceof ContentPart.Text);
        if (textOnly) {
            node.put("content", message.textContent());
            return node;
        }

        ArrayNode content = node.putArray("content");
        for (ContentPart part : message.parts()) {
            switch (part) {
                case ContentPart.Text(String text) -> content.addObject()
                        .put("type", "text")
                        .put("text", text);
                case ContentPart.Image image -> {
                    ObjectNode imagePart = content.addObject().put("type", "image_url");
                    imagePart.putObject("image_url")
                            .put("url", image.url())
                            .put("detail", image.detail());
                }
            }
        }
        return node;
    }
}
