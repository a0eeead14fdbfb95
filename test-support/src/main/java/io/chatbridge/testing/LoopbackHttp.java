package io.chatbridge.testing;

/** Settings shared by the fake servers that run on the JDK's built-in HTTP server. */
final class LoopbackHttp {

    private LoopbackHttp() {}

    /**
     * Turns on TCP_NODELAY for the JDK HTTP server. Without it, a response written in two parts
     * waits for the client's delayed ACK (about 40 ms on Linux), which would be measured as the
     * bot's own latency. The JDK reads the property once, so this runs before the first server.
     */
    static void disableNagle() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
}
