package io.chatbridge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void pathIsAppendedToBaseUrl() {
        assertThat(Endpoints.chatCompletions("https://api.openai.com/v1", "").toString())
                .isEqualTo("https://api.openai.com/v1/chat/completions");
        assertThat(Endpoints.chatCompletions("https://relay.example/v1/", "").toString())
                .isEqualTo("https://relay.example/v1/chat/completions");
        assertThat(Endpoints.chatCompletions("http://127.0.0.1:8080", "").toString())
                .isEqualTo("http://127.0.0.1:8080/chat/completions");
    }

    @Test
    void queryOfBaseUrlIsKept() {
        assertThat(Endpoints.chatCompletions("https://relay.example/openai/v1?api-version=2024-10-21", "").toString())
                .isEqualTo("https://relay.example/openai/v1/chat/completions?api-version=2024-10-21");
    }

    @Test
    void invalidBaseUrlMessageHidesKey() {
        assertThatThrownBy(() -> Endpoints.chatCompletions("ftp://relay/sk-secret", "sk-secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OpenAI base URL (OPENAI_BASE_URL) must be an http or https URL such as"
                        + " https://api.openai.com/v1, was 'ftp://relay/***'");
    }

    @Test
    void hostAndPortOmitsDefaultPort() {
        assertThat(Endpoints.hostAndPort(HttpUrl.get("https://api.openai.com/v1"))).isEqualTo("api.openai.com");
        assertThat(Endpoints.hostAndPort(HttpUrl.get("http://127.0.0.1:8080/v1"))).isEqualTo("127.0.0.1:8080");
    }
}
