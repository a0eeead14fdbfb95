package io.chatbridge.discord;

import com.neovisionaries.ws.client.WebSocketFactory;
import io.chatbridge.config.ProxySpec;
import java.net.Proxy;
import java.net.URI;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the HTTP client, WebSocket factory and session controller that point JDA at Discord. */
final class DiscordConnections {

    private static final Logger log = LoggerFactory.getLogger(DiscordConnections.class);

    private DiscordConnections() {
    }

    /** Returns an OkHttp builder for JDA's REST calls, through the proxy when one is set. */
    static OkHttpClient.Builder httpClient(@Nullable ProxySpec proxy) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (proxy != null) {
            builder.proxy(proxy.toProxy());
        }
        return builder;
    }

    /**
     * Returns the WebSocket factory for the gateway, through the proxy when it is an HTTP proxy.
     * nv-websocket-client 2.14, JDA's WebSocket library, tunnels only through HTTP proxies
     * ({@code CONNECT}), so with a SOCKS proxy the gateway connects directly and a warning is logged.
     */
    static WebSocketFactory webSocketFactory(@Nullable ProxySpec proxy) {
        WebSocketFactory factory = new WebSocketFactory();
        if (proxy == null) {
            return factory;
        }
        if (proxy.type() == Proxy.Type.HTTP) {
            factory.getProxySettings().setHost(proxy.host()).setPort(proxy.port());
        } else {
            log.warn("The Discord gateway WebSocket connects directly, not through the SOCKS proxy {}:"
                    + " JDA's WebSocket client (nv-websocket-client) supports only HTTP proxies. REST calls"
                    + " do use the proxy. To send both through a proxy, set an http:// proxy for Discord.", proxy);
        }
        return factory;
    }

    /** Returns a session controller whose gateway URL is the configured one. */
    static ConcurrentSessionController sessionController(String gatewayUrl) {
        return new FixedGatewaySessionController(withRootPath(gatewayUrl));
    }

    /**
     * Returns the URL with a {@code /} path when it has none, because JDA appends its query
     * ({@code ?encoding=json&v=10}) directly to the URL.
     */
    static String withRootPath(String url) {
        String path = URI.create(url).getRawPath();
        return path == null || path.isEmpty() ? url + "/" : url;
    }

    /** A session controller that connects to a fixed gateway URL instead of Discord's default. */
    private static final class FixedGatewaySessionController extends ConcurrentSessionController {
        private final String gatewayUrl;

        FixedGatewaySessionController(String gatewayUrl) {
            this.gatewayUrl = gatewayUrl;
        }

        @Override
        public String getGateway() {
            return gatewayUrl;
        }
    }
}
