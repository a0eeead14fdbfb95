package io.chatbridge.config;

import org.jspecify.annotations.Nullable;

/**
 * A checked proxy setting: a proxy, or a direct connection when {@code direct} was given to
 * switch off the top-level proxy for one section.
 *
 * @param proxy the proxy, or null for a direct connection
 */
record ProxyChoice(@Nullable ProxySpec proxy) {

    static final ProxyChoice DIRECT = new ProxyChoice(null);
}
