package io.chatbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code metrics.listen} key and the listen addresses it takes. */
class MetricsConfigTest {

    @TempDir
    Path dir;

    @Test
    void metricsAreOffByDefault() throws ConfigException {
        assertThat(ConfigLoader.defaults().metrics()).isEqualTo(MetricsSettings.OFF);
        assertThat(ConfigLoader.defaults().metrics().enabled()).isFalse();
    }

    @Test
    void exampleLeavesMetricsOff() throws ConfigException {
        BotConfig example = ConfigLoader.load(Path.of("../deploy/chatbridge.example.yaml"), Map.of());

        assertThat(example.metrics()).isEqualTo(MetricsSettings.OFF);
    }

    @Test
    void listenAddressComesFromTheEnvironment() throws ConfigException {
        BotConfig config = ConfigLoader.load(null, Map.of("CHATBRIDGE_METRICS_LISTEN", "127.0.0.1:9464"));

        assertThat(config.metrics().listen()).isEqualTo(new ListenAddress("127.0.0.1", 9464));
        assertThat(config.metrics().enabled()).isTrue();
    }

    @Test
    void listenAddressComesFromTheFile() throws Exception {
        Path file = dir.resolve("chatbridge.yaml");
        Files.writeString(file, """
                metrics:
                  listen: "[::1]:9100"
                """);

        BotConfig config = ConfigLoader.load(file, Map.of());

        assertThat(config.metrics().listen()).isEqualTo(new ListenAddress("::1", 9100));
        assertThat(config.metrics().listen()).hasToString("[::1]:9100");
    }

    @Test
    void emptyValueTurnsMetricsOff() throws Exception {
        Path file = dir.resolve("chatbridge.yaml");
        Files.writeString(file, """
                metrics:
                  listen: ""
                """);

        assertThat(ConfigLoader.load(file, Map.of()).metrics()).isEqualTo(MetricsSettings.OFF);
    }

    @Test
    void invalidAddressNamesTheVariableAndTheForm() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("CHATBRIDGE_METRICS_LISTEN", ":9464")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("CHATBRIDGE_METRICS_LISTEN: \":9464\" is not a listen address, expected host:port with a"
                        + " port from 1 to 65535, such as 127.0.0.1:9464 ([::1]:9464 for IPv6, 0.0.0.0:9464 for every"
                        + " interface)");
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1:9464, 127.0.0.1, 9464",
        "0.0.0.0:1, 0.0.0.0, 1",
        "localhost:65535, localhost, 65535",
        "metrics.internal.example:9464, metrics.internal.example, 9464",
        "' 127.0.0.1:9464 ', 127.0.0.1, 9464",
        "[::]:9464, ::, 9464",
        "[fe80::1%eth0]:9464, fe80::1%eth0, 9464",
    })
    void parsesHostAndPort(String text, String host, int port) {
        assertThat(ListenAddress.parse(text)).isEqualTo(new ListenAddress(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9464", ":9464", "127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536",
            "127.0.0.1:99999999999", "http://127.0.0.1:9464", "::1:9464", "[::1]", "[]:9464", "[host]:9464",
            "127.0.0.1:94a4", "my host:9464"})
    void rejectsOtherForms(String text) {
        assertThat(ListenAddress.parse(text)).isNull();
    }
}
