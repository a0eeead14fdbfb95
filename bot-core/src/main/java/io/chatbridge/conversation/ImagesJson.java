package io.chatbridge.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.model.ContentPart;
import java.sql.SQLDataException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Converts a turn's images to and from the JSON text of the {@code turns.images} column, a list
 * of {@code {"url": ..., "detail": ..., "tokens": ...}} objects. Thread-safe.
 */
final class ImagesJson {

    /**
     * The stored shape of one image. It is kept apart from {@link ContentPart.Image} so that
     * renaming a field there cannot change the format of rows already written.
     */
    record StoredImage(@Nullable String url, @Nullable String detail, int tokens) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<StoredImage>> LIST_TYPE = new TypeReference<>() {};

    private ImagesJson() {}

    static String write(List<ContentPart.Image> images) throws SQLDataException {
        if (images.isEmpty()) {
            return "[]";
        }
        List<StoredImage> stored = images.stream()
                .map(image -> new StoredImage(image.url(), image.detail(), image.tokens()))
                .toList();
        try {
            return MAPPER.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new SQLDataException("images could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static List<ContentPart.Image> read(String json, String rowName) throws SQLDataException {
        if (json.equals("[]")) {
            return List.of();
        }
        @Nullable List<StoredImage> stored;
        try {
            stored = MAPPER.readValue(json, LIST_TYPE);
        } catch (JsonProcessingException e) {
            // The original message leaves out Jackson's excerpt of the JSON, which may contain a
            // long data: URL.
            throw invalid(rowName, e.getOriginalMessage(), e);
        }

        if (stored == null) {
            throw invalid(rowName, "null instead of a list", null);
        }
        List<ContentPart.Image> images = new ArrayList<>(stored.size());
        for (StoredImage image : stored) {
            if (image == null || image.url() == null || image.detail() == null) {
                throw invalid(rowName, "an image lacks url or detail", null);
            }
            images.add(new ContentPart.Image(image.url(), image.detail(), image.tokens()));
        }
        return List.copyOf(images);
    }

    private static SQLDataException invalid(String rowName, String problem, @Nullable Throwable cause) {
        return new SQLDataException(rowName + " has invalid images JSON (" + problem
                + "). The column must contain a list of {url, detail, tokens} objects", cause);
    }
}
