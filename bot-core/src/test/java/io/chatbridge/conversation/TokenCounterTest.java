package io.chatbridge.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.model.ChatMessage;
import io.chatbridge.model.ContentPart;
import io.chatbridge.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

    private final TokenCounter counter = new TokenCounter();

    @Test
    void countsTextInO200kBase() {
        assertThat(counter.count("hello world")).isEqualTo(2);
        assertThat(counter.count("Hello, world!")).isEqualTo(4);
        assertThat(counter.count("你好，世界")).isEqualTo(3);
        assertThat(counter.count("")).isZero();
    }

    @Test
    void specialTokenSpellingCountsAsText() {
        assertThat(counter.count("<|endoftext|>")).isEqualTo(7);
    }

    @Test
    void messageAddsFramingAndRole() {
        assertThat(counter.count(ChatMessage.text(Role.USER, "hello world"))).isEqualTo(3 + 1 + 2);
        assertThat(counter.count(ChatMessage.text(Role.ASSISTANT, ""))).isEqualTo(3 + 1);
    }

    @Test
    void messageCountsImagePartsByTheirTokens() {
        ChatMessage message = new ChatMessage(Role.USER, List.of(
                new ContentPart.Text("hello world"),
                new ContentPart.Image("data:image/png;base64,AAAA", "low", 2833)));

        assertThat(counter.count(message)).isEqualTo(3 + 1 + 2 + 2833);
    }

    @Test
    void requestAddsReplyPriming() {
        List<ChatMessage> messages = List.of(
                ChatMessage.text(Role.SYSTEM, "You are a helpful assistant."),
                ChatMessage.text(Role.USER, "hello world"));

        assertThat(counter.count(messages)).isEqualTo(3 + (3 + 1 + 6) + (3 + 1 + 2));
        assertThat(counter.count(List.of())).isEqualTo(3);
    }

    @Test
    void countsSameFromManyThreads() throws Exception {
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(50);
        int expected = counter.count(text);
        List<Future<Integer>> counts = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 32; i++) {
                counts.add(executor.submit(() -> new TokenCounter().count(text)));
            }
            for (Future<Integer> count : counts) {
                assertThat(count.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        }
    }

    @Test
    void lowDetailImageCostsBase() {
        assertThat(TokenCounter.imageTokens(4096, 8192, "low")).isEqualTo(2833);
        assertThat(TokenCounter.imageTokens(64, 48, "LOW")).isEqualTo(2833);
    }

    @Test
    void highDetailImageCostsTiles() {
        // 1024 x 1024 is scaled to 768 x 768: 2 x 2 tiles.
        assertThat(TokenCounter.imageTokens(1024, 1024, "high")).isEqualTo(2833 + 5667 * 4);
        // 2048 x 4096 is scaled to 768 x 1536: 2 x 3 tiles.
        assertThat(TokenCounter.imageTokens(2048, 4096, "high")).isEqualTo(2833 + 5667 * 6);
        // 4096 x 3072 fits 2048 x 1536, then 1024 x 768: 2 x 2 tiles.
        assertThat(TokenCounter.imageTokens(4096, 3072, "high")).isEqualTo(2833 + 5667 * 4);
    }

    @Test
    void smallImageIsNotEnlarged() {
        assertThat(TokenCounter.imageTokens(64, 48, "high")).isEqualTo(2833 + 5667);
        assertThat(TokenCounter.imageTokens(513, 500, "high")).isEqualTo(2833 + 5667 * 2);
    }

    @Test
    void thinImageStillNeedsOneTileAcross() {
        // 1 x 10000 is scaled to 0 x 2048 because the short side rounds down. That is four
        // tiles along the long side and one across.
        assertThat(TokenCounter.imageTokens(1, 10000, "high")).isEqualTo(2833 + 5667 * 4);
    }

    @Test
    void autoDetailCountsAsHigh() {
        assertThat(TokenCounter.imageTokens(1024, 1024, "auto")).isEqualTo(2833 + 5667 * 4);
    }

    @Test
    void invalidImageArgumentsAreRejected() {
        assertThatThrownBy(() -> TokenCounter.imageTokens(1024, 1024, "medium"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image detail must be low, high or auto, was 'medium'");
        assertThatThrownBy(() -> TokenCounter.imageTokens(0, 10, "low"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image size must be at least 1 x 1 pixels, was 0 x 10");
    }
}
