package io.chatbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionsTest {

    private static final List<String> OPENAI_KEYS = List.of("api_key", "base_url", "model", "temperature", "proxy");

    @Test
    void suggestsSameNameInOtherSpelling() {
        assertThat(KeySuggestions.closest("apiKey", OPENAI_KEYS)).isEqualTo("api_key");
        assertThat(KeySuggestions.closest("Base-URL", OPENAI_KEYS)).isEqualTo("base_url");
    }

    @Test
    void suggestsNameWithinTwoEdits() {
        assertThat(KeySuggestions.closest("modle", OPENAI_KEYS)).isEqualTo("model");
        assertThat(KeySuggestions.closest("temprature", OPENAI_KEYS)).isEqualTo("temperature");
        assertThat(KeySuggestions.closest("proxi", OPENAI_KEYS)).isEqualTo("proxy");
    }

    @Test
    void noSuggestionForUnrelatedName() {
        assertThat(KeySuggestions.closest("colour", OPENAI_KEYS)).isNull();
        assertThat(KeySuggestions.closest("mode", List.of("scope"))).isNull();
    }

    @Test
    void swapOfNeighboursIsOneEdit() {
        assertThat(KeySuggestions.editDistance("modle", "model")).isEqualTo(1);
        assertThat(KeySuggestions.editDistance("kitten", "sitting")).isEqualTo(3);
    }
}
