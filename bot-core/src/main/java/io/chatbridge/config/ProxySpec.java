package io.chatbridge.config;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Objects;

/**
 * An HTTP or SOCKS5 proxy for outgoing connections, from {@code http://host:port} or
 * {@code socks5://host:port}.
 */
public record ProxySpec(Proxy.Type type, String host, int port) {

    public ProxySpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
    }

    /** Returns the {@link Proxy} for OkHttp. The address stays unresolved so the proxy resolves names. */
    public Proxy toProxy() {
        return new Proxy(type, InetSocketAddress.createUnresolved(host, port));
    }

    /** Returns the URL form, such as {@code socks5://127.0.0.1:1080}. */
    @Override
    public String toString() {
        return (type == Proxy.Type.SOCKS ? "socks5" : "http") + "://" + host + ":" + port;
    }
}
