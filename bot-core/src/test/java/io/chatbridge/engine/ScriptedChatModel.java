package io.chatbridge.engine;

import io.chatbridge.model.ChatCompletion;
import io.chatbridge.model.ChatModel;
import io.chatbridge.model.ChatRequest;
import io.chatbridge.model.ModelException;
import io.chatbridge.model.Usage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * An in-process model for engine unit tests: answers from a script, in pieces, and records
 * every request. End-to-end tests use the HTTP fake instead.
 */
class ScriptedChatModel implements ChatModel {

    /** One scripted reply: pieces of text to stream, then optionally a failure. */
    record Reply(List<String> pieces, ModelException failure) {}

    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<ChatRequest> requests = new ArrayList<>();
    private String defaultAnswer = "ok";

    synchronized ScriptedChatModel answer(String... pieces) {
        script.add(new Reply(List.of(pieces), null));
        return this;
    }

    synchronized ScriptedChatModel fail(ModelException failure, String... piecesFirst) {
        script.add(new Reply(List.of(piecesFirst), failure));
        return this;
    }

    synchronized ScriptedChatModel defaultAnswer(String answer) {
        this.defaultAnswer = answer;
        return this;
    }

    synchronized List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public ChatCompletion stream(ChatRequest request, Consumer<String> onDelta) throws ModelException {
        Reply reply;
        synchronized (this) {
            requests.add(request);
            reply = script.isEmpty() ? new Reply(List.of(defaultAnswer), null) : script.poll();
        }
        StringBuilder text = new StringBuilder();
        for (String piece : reply.pieces()) {
            onDelta.accept(piece);
            text.append(piece);
        }
        if (reply.failure() != null) {
            throw reply.failure().withPartialText(text.toString());
        }
        return new ChatCompletion(text.toString(), new Usage(10, 0, 5, false), "stop", Duration.ZERO, Duration.ZERO,
                "fake.local");
    }
}
