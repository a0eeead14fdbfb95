package io.chatbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamsBinderTest {

    private static final String RELAY_KEY = "sk-test-relay-placeholder";
    private static final String OFFICIAL_KEY = "sk-test-official-placeholder";

    @TempDir
    Path dir;

    private final OpenAiSettings openAi = ConfigLoader.defaults().openAi();

    private Path yaml(String text) throws Exception {
        Path file = dir.resolve("chatbridge.yaml");
        Files.writeString(file, text);
        return file;
    }

    private List<String> problems(String text, Map<String, String> env) throws Exception {
        Path file = yaml(text);
        return catchThrowableOfType(ConfigException.class, () -> UpstreamsBinder.load(file, env, openAi)).problems();
    }

    @Test
    void absentListGivesTheOpenAiUpstream() throws Exception {
        List<UpstreamSettings> upstreams = UpstreamsBinder.load(yaml("openai:\n  model: gpt-4o\n"), Map.of(), openAi);

        assertThat(upstreams).hasSize(1);
        assertThat(upstreams.get(0).name()).isEqualTo("default");
        assertThat(upstreams.get(0).baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(upstreams.get(0).model()).isNull();
    }

    @Test
    void noFileGivesTheOpenAiUpstream() throws Exception {
        assertThat(UpstreamsBinder.load(null, Map.of(), openAi)).extracting(UpstreamSettings::name)
                .containsExactly("default");
    }

    @Test
    void listIsSortedByPriority() throws Exception {
        Path file = yaml("""
                openai:
                  upstreams:
                    - name: official
                      base_url: https://api.openai.com/v1/
                      api_key_env: OFFICIAL_KEY
                      priority: 2
                    - name: relay
                      base_url: http://127.0.0.1:9000/v1
                      api_key_env: RELAY_KEY
                      model: openai/gpt-4o-mini
                      priority: 1
                      max_retries: 0
                      failover_on: [quota, auth]
                    - name: keyless
                      base_url: http://127.0.0.1:9001/v1
                      priority: 2
                """);

        List<UpstreamSettings> upstreams = UpstreamsBinder.load(file,
                Map.of("RELAY_KEY", RELAY_KEY, "OFFICIAL_KEY", OFFICIAL_KEY), openAi);

        assertThat(upstreams).extracting(UpstreamSettings::name).containsExactly("relay", "official", "keyless");
        UpstreamSettings relay = upstreams.get(0);
        assertThat(relay.apiKey()).isEqualTo(RELAY_KEY);
        assertThat(relay.model()).isEqualTo("openai/gpt-4o-mini");
        assertThat(relay.maxRetries()).isEqualTo(0);
        assertThat(relay.failoverOn()).containsExactlyInAnyOrder(UpstreamSettings.AccountError.QUOTA,
                UpstreamSettings.AccountError.AUTH);
        assertThat(upstreams.get(1).baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(upstreams.get(1).apiKey()).isEqualTo(OFFICIAL_KEY);
        assertThat(upstreams.get(2).apiKey()).isEmpty();
        assertThat(upstreams.get(2).apiKeyEnv()).isEmpty();
    }

    @Test
    void defaultPriorityIsPosition() throws Exception {
        Path file = yaml("""
                openai:
                  upstreams:
                    - {name: a, base_url: "http://127.0.0.1:9000/v1"}
                    - {name: b, base_url: "http://127.0.0.1:9001/v1"}
                """);

        assertThat(UpstreamsBinder.load(file, Map.of(), openAi)).extracting(UpstreamSettings::priority)
                .containsExactly(0, 1);
    }

    @Test
    void keyInFileIsRejectedWithoutShowingIt() throws Exception {
        List<String> problems = problems("""
                openai:
                  upstreams:
                    - name: relay
                      base_url: http://127.0.0.1:9000/v1
                      api_key: sk-test-written-in-yaml
                """, Map.of());

        assertThat(problems).containsExactly("openai.upstreams[0].api_key: keys are not allowed in the configuration"
                + " file; put the key in an environment variable and give its name in api_key_env");
    }

    @Test
    void unsetKeyVariableIsReported() throws Exception {
        List<String> problems = problems("""
                openai:
                  upstreams:
                    - name: relay
                      base_url: http://127.0.0.1:9000/v1
                      api_key_env: RELAY_KEY
                """, Map.of());

        assertThat(problems).containsExactly("openai.upstreams[0].api_key_env: environment variable RELAY_KEY is not"
                + " set; set it to the upstream's API key, or remove api_key_env for a relay that needs no key");
    }

    @Test
    void keyPastedAsVariableNameIsRejected() throws Exception {
        List<String> problems = problems("""
                openai:
                  upstreams:
                    - name: relay
                      base_url: http://127.0.0.1:9000/v1
                      api_key_env: sk-proj-abc
                """, Map.of());

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("openai.upstreams[0].api_key_env: \"sk-proj-abc\" is not an environment"
                + " variable name");
    }

    @Test
    void everyProblemIsReportedTogether() throws Exception {
        List<String> problems = problems("""
                openai:
                  upstreams:
                    - name: relay
                      baseurl: http://127.0.0.1:9000/v1
                    - name: relay
                      base_url: http://127.0.0.1:9001/v1
                    - name: relay
                      base_url: http://127.0.0.1:9002/v1
                      failover_on: [quota, network]
                      priority: -1
                    - just a string
                """, Map.of());

        assertThat(problems).containsExactly(
                "openai.upstreams[0].baseurl: unknown key, did you mean base_url?",
                "openai.upstreams[0].base_url: is missing; every upstream needs name and base_url",
                "openai.upstreams[2].priority: -1 is out of range, expected a whole number from 0 to 1000",
                "openai.upstreams[2].failover_on[1]: \"network\" is not an account error, expected quota, auth or"
                        + " model_not_found",
                "openai.upstreams[3]: expected a mapping with name and base_url, got a single value");
    }

    @Test
    void duplicateNameIsRejected() throws Exception {
        List<String> problems = problems("""
                openai:
                  upstreams:
                    - {name: relay, base_url: "http://127.0.0.1:9000/v1"}
                    - {name: Relay, base_url: "http://127.0.0.1:9001/v1"}
                """, Map.of());

        assertThat(problems).containsExactly(
                "openai.upstreams[1].name: \"Relay\" is used by an earlier upstream, expected a unique name");
    }

    @Test
    void notAListIsRejected() throws Exception {
        assertThat(problems("openai:\n  upstreams: relay\n", Map.of())).containsExactly(
                "openai.upstreams: expected a list of upstreams, each with name and base_url, got a single value");
    }

    @Test
    void applyToKeepsSharedSettings() {
        UpstreamSettings relay = new UpstreamSettings("relay", "http://127.0.0.1:9000/v1", "RELAY_KEY", RELAY_KEY,
                "openai/gpt-4o-mini", 1, 0, Set.of());

        OpenAiSettings applied = relay.applyTo(openAi);

        assertThat(applied.baseUrl()).isEqualTo("http://127.0.0.1:9000/v1");
        assertThat(applied.apiKey()).isEqualTo(RELAY_KEY);
        assertThat(applied.model()).isEqualTo("openai/gpt-4o-mini");
        assertThat(applied.maxRetries()).isZero();
        assertThat(applied.idleTimeout()).isEqualTo(openAi.idleTimeout());
        assertThat(applied.temperature()).isEqualTo(openAi.temperature());
    }

    @Test
    void toStringHidesKey() {
        UpstreamSettings relay = new UpstreamSettings("relay", "http://127.0.0.1:9000/v1", "RELAY_KEY", RELAY_KEY,
                null, 1, null, Set.of());

        assertThat(relay.toString()).doesNotContain(RELAY_KEY).contains("apiKey=<redacted>").contains("RELAY_KEY");
    }
}
