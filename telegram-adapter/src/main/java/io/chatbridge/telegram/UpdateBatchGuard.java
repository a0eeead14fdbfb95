package io.chatbridge.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OkHttp interceptor on the long-polling client that keeps one unreadable update from blocking
 * every update after it.
 *
 * <p>TelegramBots 10.2 reads a whole {@code getUpdates} batch at once ({@code BotSession}). When one
 * update in it fails to read, the whole call fails, the offset is not advanced, and the next call
 * returns the same batch: polling retries the same failure with backoff forever and no later
 * message is ever answered. A missing {@code update_id} is worse: the library's offset arithmetic
 * then throws from its scheduled task, which silently ends polling.
 *
 * <p>This guard reads each update of a successful {@code getUpdates} response as the library will.
 * An unreadable update with an id is replaced by an update with only that id, which the library
 * reads, confirms with the next offset and hands on as an update with no content; the reason is
 * kept for {@link #takeProblem(int)} so the adapter logs it once. An update without a usable id is
 * removed and logged here. Other responses pass untouched. Thread-safe.
 */
final class UpdateBatchGuard implements Interceptor {

    private static final Logger log = LoggerFactory.getLogger(UpdateBatchGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** More placeholders than this waiting to be logged means the adapter is not taking them; start over. */
    private static final int MAX_REMEMBERED = 10_000;

    private final Map<Integer, String> problems = new ConcurrentHashMap<>();

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (!response.isSuccessful() || !isGetUpdates(chain)) {
            return response;
        }
        ResponseBody body = response.body();
        MediaType type = body.contentType();
        String text = body.string();
        return response.newBuilder().body(ResponseBody.create(clean(text), type)).build();
    }

    /**
     * Returns why the update with this id was replaced by a placeholder and removes that reason, or
     * returns null when it was not replaced.
     */
    @Nullable String takeProblem(int updateId) {
        return problems.remove(updateId);
    }

    /** Returns the body with unreadable updates replaced or removed, or unchanged when all read. */
    String clean(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            // Not JSON at all: the library fails the call and retries with backoff, which suits a server fault.
            return body;
        }
        if (root == null || !root.path("result").isArray()) {
            return body;
        }

        ArrayNode updates = (ArrayNode) root.get("result");
        ArrayNode kept = JSON.createArrayNode();
        boolean changed = false;
        for (int i = 0; i < updates.size(); i++) {
            switch (UpdateParser.parse(updates.get(i))) {
                case UpdateParser.Result.Valid valid -> kept.add(updates.get(i));
                case UpdateParser.Result.Malformed malformed -> {
                    remember(malformed.updateId(), malformed.problem());
                    kept.add(UpdateParser.placeholder(malformed.updateId()));
                    changed = true;
                }
                case UpdateParser.Result.WithoutId withoutId -> {
                    log.warn("Dropped the update at position {} of a getUpdates response: {}. Telegram always sends"
                            + " update_id, so the Bot API server or a proxy changed the response", i, withoutId.problem());
                    changed = true;
                }
            }
        }
        if (!changed) {
            return body;
        }
        ((ObjectNode) root).set("result", kept);
        return root.toString();
    }

    private void remember(int updateId, String problem) {
        if (problems.size() >= MAX_REMEMBERED) {
            problems.clear();
        }
        problems.put(updateId, problem);
    }

    private static boolean isGetUpdates(Chain chain) {
        var segments = chain.request().url().pathSegments();
        return !segments.isEmpty() && segments.getLast().equalsIgnoreCase("getUpdates");
    }
}
