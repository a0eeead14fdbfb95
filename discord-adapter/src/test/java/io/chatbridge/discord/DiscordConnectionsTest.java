package io.chatbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.neovisionaries.ws.client.WebSocketFactory;
import io.chatbridge.config.ProxySpec;
import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DiscordConnectionsTest {

    @Test
    void gatewayUrlWithoutPathGetsRootPath() {
        assertThat(DiscordConnections.withRootPath("wss://gateway.discord.gg")).isEqualTo("wss://gateway.discord.gg/");
        assertThat(DiscordConnections.withRootPath("ws://127.0.0.1:8080/gateway"))
                .isEqualTo("ws://127.0.0.1:8080/gateway");
    }

    @Test
    void sessionControllerReturnsConfiguredGateway() {
        assertThat(DiscordConnections.sessionController("ws://127.0.0.1:9/gw").getGateway())
                .isEqualTo("ws://127.0.0.1:9/gw");
    }

    @Test
    void httpProxyAppliesToRestAndGateway() {
        ProxySpec proxy = new ProxySpec(Proxy.Type.HTTP, "127.0.0.1", 3128);

        OkHttpClient client = DiscordConnections.httpClient(proxy).build();
        WebSocketFactory factory = DiscordConnections.webSocketFactory(proxy);

        assertThat(client.proxy()).isEqualTo(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("127.0.0.1", 3128)));
        assertThat(factory.getProxySettings().getHost()).isEqualTo("127.0.0.1");
        assertThat(factory.getProxySettings().getPort()).isEqualTo(3128);
    }

    @Test
    void socksProxyWarnsThatGatewayIsDirect() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger log = (Logger) LoggerFactory.getLogger(DiscordConnections.class);
        log.addAppender(logs);
        ProxySpec proxy = new ProxySpec(Proxy.Type.SOCKS, "127.0.0.1", 1080);

        try {
            OkHttpClient client = DiscordConnections.httpClient(proxy).build();
            WebSocketFactory factory = DiscordConnections.webSocketFactory(proxy);

            assertThat(client.proxy()).isEqualTo(proxy.toProxy());
            assertThat(factory.getProxySettings().getHost()).isNull();
            assertThat(logs.list).hasSize(1);
            assertThat(logs.list.get(0).getLevel()).isEqualTo(Level.WARN);
            assertThat(logs.list.get(0).getFormattedMessage())
                    .contains("not through the SOCKS proxy socks5://127.0.0.1:1080")
                    .contains("supports only HTTP proxies");
        } finally {
            log.detachAppender(logs);
        }
    }

    @Test
    void noProxyMeansDirect() {
        assertThat(DiscordConnections.httpClient(null).build().proxy()).isNull();
        assertThat(DiscordConnections.webSocketFactory(null).getProxySettings().getHost()).isNull();
    }
}
