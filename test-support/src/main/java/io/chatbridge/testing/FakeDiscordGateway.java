package io.chatbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The gateway side of {@link FakeDiscordServer}: one WebSocket session at a time that sends HELLO,
 * responds to IDENTIFY with READY and GUILD_CREATE, acknowledges heartbeats and pushes dispatches.
 * Thread-safe.
 */
final class FakeDiscordGateway extends WebSocketListener {

    private static final int OP_DISPATCH = 0;
    private static final int OP_HEARTBEAT = 1;
    private static final int HEARTBEAT_INTERVAL_MILLIS = 1000;
    private static final int OP_IDENTIFY = 2;
    private static final int OP_RESUME = 6;
    private static final int OP_INVALID_SESSION = 9;
    private static final int OP_HEARTBEAT_ACK = 11;

    private final ObjectMapper json = new ObjectMapper();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<JsonNode> identifyPayloads = new ArrayList<>();
    private final List<WebSocket> openSockets = new ArrayList<>();

    private String resumeUrl = "";
    private WebSocket current;
    private boolean sessionReady;
    private int sequence;
    private int closeCodeOnIdentify;
    private String closeReasonOnIdentify = "";
    private int heartbeatAcks;

    /** Sets the URL that READY names as {@code resume_gateway_url}. */
    void resumeUrl(String url) {
        lock.lock();
        try {
            resumeUrl = url;
        } finally {
            lock.unlock();
        }
    }

    /** Makes the gateway close the socket with this code and reason on every later IDENTIFY. */
    void closeOnIdentify(int code, String reason) {
        lock.lock();
        try {
            closeCodeOnIdentify = code;
            closeReasonOnIdentify = reason;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        lock.lock();
        try {
            openSockets.add(webSocket);
            current = webSocket;
            sessionReady = false;
            sequence = 0;
            // Clients send their first heartbeat at a random point of the interval; Discord's 41 s
            // would let a test that waits for it time out, so the fake asks for one a second.
            ObjectNode hello = (ObjectNode) Fixtures.json("discord/gateway_hello.json");
            ((ObjectNode) hello.path("d")).put("heartbeat_interval", HEARTBEAT_INTERVAL_MILLIS);
            webSocket.send(hello.toString());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        JsonNode payload;
        try {
            payload = json.readTree(text);
        } catch (java.io.IOException e) {
            webSocket.close(4002, "Decode error");
            return;
        }

        switch (payload.path("op").asInt(-1)) {
            case OP_HEARTBEAT -> acknowledgeHeartbeat(webSocket);
            case OP_IDENTIFY -> identify(webSocket, payload);
            // The fake keeps no session to resume, so INVALID_SESSION makes JDA identify again.
            case OP_RESUME -> webSocket.send("{\"op\":" + OP_INVALID_SESSION + ",\"d\":false}");
            default -> {
                // Presence updates and other client ops need no response from the fake.
            }
        }
    }

    /** Answers the client's close frame, which OkHttp leaves to the listener. */
    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        webSocket.close(code, null);
        forget(webSocket);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
        forget(webSocket);
    }

    private void forget(WebSocket webSocket) {
        lock.lock();
        try {
            openSockets.remove(webSocket);
            if (current == webSocket) {
                current = null;
                sessionReady = false;
            }
        } finally {
            lock.unlock();
        }
    }

    private void acknowledgeHeartbeat(WebSocket webSocket) {
        lock.lock();
        try {
            webSocket.send("{\"op\":" + OP_HEARTBEAT_ACK + "}");
            heartbeatAcks++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void identify(WebSocket webSocket, JsonNode payload) {
        lock.lock();
        try {
            identifyPayloads.add(payload);
            changed.signalAll();
            if (closeCodeOnIdentify != 0) {
                webSocket.close(closeCodeOnIdentify, closeReasonOnIdentify);
                return;
            }

            ObjectNode ready = (ObjectNode) Fixtures.json("discord/gateway_ready.json").get("d");
            ready.put("resume_gateway_url", resumeUrl);
            sendDispatch(webSocket, "READY", ready);

            JsonNode guild = Fixtures.json("discord/gateway_guild_create.json").get("d");
            sendDispatch(webSocket, "GUILD_CREATE", guild);
            sessionReady = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a dispatch on the current session.
     *
     * @throws IllegalStateException when no session has been identified
     */
    void dispatch(String eventType, JsonNode data) {
        lock.lock();
        try {
            if (current == null || !sessionReady) {
                throw new IllegalStateException("Cannot dispatch " + eventType
                        + ": no gateway session has identified yet; start the client first");
            }
            sendDispatch(current, eventType, data);
        } finally {
            lock.unlock();
        }
    }

    private void sendDispatch(WebSocket webSocket, String eventType, JsonNode data) {
        sequence++;
        ObjectNode frame = json.createObjectNode();
        frame.put("op", OP_DISPATCH);
        frame.put("s", sequence);
        frame.put("t", eventType);
        frame.set("d", data);
        webSocket.send(frame.toString());
    }

    /** Returns the IDENTIFY payloads received so far, oldest first. */
    List<JsonNode> identifyPayloads() {
        lock.lock();
        try {
            return List.copyOf(identifyPayloads);
        } finally {
            lock.unlock();
        }
    }

    /** Returns how many heartbeats have been acknowledged. */
    int heartbeatAcks() {
        lock.lock();
        try {
            return heartbeatAcks;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until at least {@code count} IDENTIFY payloads have arrived; returns false on timeout. */
    boolean awaitIdentifies(int count, Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (identifyPayloads.size() < count) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until at least {@code count} heartbeats were acknowledged; returns false on timeout. */
    boolean awaitHeartbeatAcks(int count, Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (heartbeatAcks < count) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Starts the close handshake on every open socket; the server's shutdown then drops them. */
    void close() {
        lock.lock();
        try {
            openSockets.forEach(socket -> socket.close(1001, "Fake Discord server closing"));
            openSockets.clear();
            current = null;
            sessionReady = false;
        } finally {
            lock.unlock();
        }
    }
}
