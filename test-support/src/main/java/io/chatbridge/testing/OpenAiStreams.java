package io.chatbridge.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds chat completions payloads in the shape the OpenAI API sends them: streamed
 * ({@code chat.completion.chunk} events as {@code data:} lines ending in {@code [DONE]}) and
 * non-streamed ({@code chat.completion}).
 *
 * <p>A stream starts with a role-only chunk, carries the answer in pieces of at most
 * {@value #PIECE_CODE_POINTS} code points (never splitting a surrogate pair), then a chunk with
 * {@code finish_reason: stop}, then, when usage is requested, a chunk with empty {@code choices}
 * and the {@code usage} object. Stateless and thread-safe.
 */
public final class OpenAiStreams {

    /** The model name written into generated payloads. */
    public static final String MODEL = "gpt-4o-mini-2024-07-18";

    /** The maximum number of code points of answer text in one generated chunk. */
    public static final int PIECE_CODE_POINTS = 4;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "chatcmpl-fake000000000000000000001";
    private static final long CREATED = 1_764_800_100L;

    private OpenAiStreams() {}

    /** Returns a complete stream of {@code answer} that ends with a usage chunk and {@code [DONE]}. */
    public static String text(String answer, int promptTokens, int completionTokens) {
        return stream(answer, usage(promptTokens, completionTokens));
    }

    /**
     * Returns a complete stream of {@code answer} without a usage chunk, as relays send that ignore
     * {@code stream_options.include_usage}.
     */
    public static String textWithoutUsage(String answer) {
        return stream(answer, null);
    }

    /** Returns a non-streamed {@code chat.completion} body with the answer and its usage. */
    public static String completion(String answer, int promptTokens, int completionTokens) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", ID);
        body.put("object", "chat.completion");
        body.put("created", CREATED);
        body.put("model", MODEL);

        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", answer);
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");

        body.set("usage", usage(promptTokens, completionTokens));
        return body.toString();
    }

    /**
     * Returns the start of a stream of {@code answer}: the role chunk and every text chunk, but no
     * finish chunk, usage or {@code [DONE]}, for streams that stall or break after the text.
     */
    public static String unfinished(String answer) {
        String whole = textWithoutUsage(answer);
        int finish = whole.indexOf("\"finish_reason\":\"stop\"");
        return whole.substring(0, whole.lastIndexOf("data: ", finish));
    }

    /** Returns one {@code data:} event for a payload, followed by its blank separator line. */
    public static String event(String payload) {
        return "data: " + payload + "\n\n";
    }

    /** Returns the answer cut into the pieces that generated streams carry, in order. */
    public static List<String> pieces(String answer) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < answer.length()) {
            int end = answer.offsetByCodePoints(start, Math.min(PIECE_CODE_POINTS,
                    answer.codePointCount(start, answer.length())));
            pieces.add(answer.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private static String stream(String answer, @Nullable ObjectNode usage) {
        StringBuilder sse = new StringBuilder();

        ObjectNode roleDelta = JSON.createObjectNode();
        roleDelta.put("role", "assistant");
        roleDelta.put("content", "");
        sse.append(event(chunk(roleDelta, null).toString()));

        for (String piece : pieces(answer)) {
            ObjectNode delta = JSON.createObjectNode();
            delta.put("content", piece);
            sse.append(event(chunk(delta, null).toString()));
        }
        sse.append(event(chunk(JSON.createObjectNode(), "stop").toString()));

        if (usage != null) {
            ObjectNode last = envelope();
            last.putArray("choices");
            last.set("usage", usage);
            sse.append(event(last.toString()));
        }
        sse.append(event("[DONE]"));
        return sse.toString();
    }

    private static ObjectNode chunk(ObjectNode delta, @Nullable String finishReason) {
        ObjectNode chunk = envelope();
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        chunk.putNull("usage");
        return chunk;
    }

    private static ObjectNode envelope() {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", ID);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", CREATED);
        chunk.put("model", MODEL);
        return chunk;
    }

    private static ObjectNode usage(int promptTokens, int completionTokens) {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        return usage;
    }
}
