package io.chatbridge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.config.ProxySpec;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

    @Test
    void createAppliesTimeoutsWithoutCallTimeout() {
        OkHttpClient client = HttpClients.create(Duration.ofSeconds(7), Duration.ofSeconds(30), null);

        assertThat(client.connectTimeoutMillis()).isEqualTo(7_000);
        assertThat(client.readTimeoutMillis()).isEqualTo(30_000);
        assertThat(client.writeTimeoutMillis()).isEqualTo(30_000);
        assertThat(client.callTimeoutMillis()).isZero();
    }

    @Test
    void createWithoutProxyConnectsDirectly() {
        OkHttpClient client = HttpClients.create(Duration.ofSeconds(1), Duration.ofSeconds(1), null);

        assertThat(client.proxy()).isEqualTo(Proxy.NO_PROXY);
    }

    @Test
    void createUsesSocksProxyUnresolved() {
        OkHttpClient client = HttpClients.create(Duration.ofSeconds(1), Duration.ofSeconds(1),
                new ProxySpec(Proxy.Type.SOCKS, "proxy.internal", 1080));

        Proxy proxy = client.proxy();
        assertThat(proxy).isNotNull();
        assertThat(proxy.type()).isEqualTo(Proxy.Type.SOCKS);
        InetSocketAddress address = (InetSocketAddress) proxy.address();
        assertThat(address.getHostString()).isEqualTo("proxy.internal");
        assertThat(address.getPort()).isEqualTo(1080);
        assertThat(address.isUnresolved()).isTrue();
    }

    @Test
    void createRejectsNegativeTimeout() {
        assertThatThrownBy(() -> HttpClients.create(Duration.ofSeconds(-1), Duration.ofSeconds(1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connectTimeout must be zero (no limit) or positive, was PT-1S");
    }

    @Test
    void redactReplacesEverySecret() {
        String text = "key sk-abc and token 123:XYZ, again sk-abc";

        assertThat(HttpClients.redact(text, "sk-abc", "123:XYZ")).isEqualTo("key *** and token ***, again ***");
    }

    @Test
    void redactSkipsBlankAndNullSecrets() {
        assertThat(HttpClients.redact("a b c", "", " ", null)).isEqualTo("a b c");
    }

    @Test
    void redactRemovesLongerSecretWhole() {
        assertThat(HttpClients.redact("sk-abcdef", "abc", "sk-abcdef")).isEqualTo("***");
    }
}
