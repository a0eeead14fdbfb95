package io.chatbridge.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.StringJoiner;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Reads one Bot API {@code Update} object the way TelegramBots 10.2 does, and describes what is
 * wrong with one it cannot read.
 *
 * <p>TelegramBots reads updates with a plain {@link ObjectMapper}. Its objects ignore unknown fields
 * (so an update of a kind newer than the library reads as an update with no known content), but a
 * known field of the wrong type, such as a chat id that is an object, fails the read. Stateless
 * and thread-safe.
 */
final class UpdateParser {

    /** Configured as TelegramBots' own mapper ({@code PartialBotApiMethod.OBJECT_MAPPER}): defaults only. */
    private static final ObjectMapper LIBRARY_MAPPER = new ObjectMapper();

    /** The result of reading one update. */
    sealed interface Result {
        /** The update reads as the library reads it. */
        record Valid(Update update) implements Result {}

        /** The update has an id but does not read; {@code problem} names the field and never quotes a value. */
        record Malformed(int updateId, String problem) implements Result {}

        /** The update has no usable {@code update_id}, so it cannot even be confirmed. */
        record WithoutId(String problem) implements Result {}
    }

    private UpdateParser() {}

    static Result parse(JsonNode update) {
        if (!update.isObject()) {
            return new Result.WithoutId("it is not a JSON object");
        }
        JsonNode id = update.get("update_id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToInt()) {
            return new Result.WithoutId("its update_id is missing or not a 32-bit whole number");
        }
        try {
            return new Result.Valid(LIBRARY_MAPPER.treeToValue(update, Update.class));
        } catch (JsonProcessingException e) {
            return new Result.Malformed(id.intValue(), describe(e));
        }
    }

    /** Returns a minimal update with only the id, which the library reads, confirms and hands on as empty. */
    static JsonNode placeholder(int updateId) {
        return LIBRARY_MAPPER.createObjectNode().put("update_id", updateId);
    }

    /**
     * Describes a read failure by the JSON path of the field and the kind of error, such as
     * {@code message.chat.id: MismatchedInputException}. The message's own text is left out because
     * Jackson quotes the offending value, which is the member's text.
     */
    private static String describe(JsonProcessingException error) {
        String kind = error.getClass().getSimpleName();
        if (!(error instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return kind;
        }
        StringJoiner path = new StringJoiner(".");
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            path.add(reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]");
        }
        return path + ": " + kind;
    }
}
