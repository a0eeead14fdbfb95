package io.chatbridge.config;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A host and TCP port that a server binds to, such as {@code 127.0.0.1:9464}. The host is an IP
 * address or a host name, never empty, so the operator always chooses the interface:
 * {@code 0.0.0.0} listens on every IPv4 interface.
 *
 * @param host the IP address or host name, without the brackets of an IPv6 literal
 * @param port the TCP port, from 1 to 65535
 * @throws IllegalArgumentException when the host is blank or the port is out of range
 */
public record ListenAddress(String host, int port) {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.-]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    public ListenAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be from 1 to 65535, was " + port);
        }
    }

    /**
     * Parses {@code host:port}, or {@code [address]:port} for an IPv6 address.
     *
     * @return the address, or null when the text has another form or the port is out of range
     */
    public static @Nullable ListenAddress parse(String text) {
        String trimmed = text.strip();
        String host;
        String port;
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf("]:");
            if (close < 0) {
                return null;
            }
            host = trimmed.substring(1, close);
            port = trimmed.substring(close + 2);
            if (!IPV6.matcher(host).matches() || !host.contains(":")) {
                return null;
            }
        } else {
            int colon = trimmed.lastIndexOf(':');
            if (colon < 0) {
                return null;
            }
            host = trimmed.substring(0, colon);
            port = trimmed.substring(colon + 1);
            if (!HOST_NAME.matcher(host).matches()) {
                return null;
            }
        }
        if (!PORT.matcher(port).matches()) {
            return null;
        }
        int number = Integer.parseInt(port);
        return number >= 1 && number <= 65535 ? new ListenAddress(host, number) : null;
    }

    /** Returns {@code host:port}, with the host in brackets when it is an IPv6 address. */
    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
