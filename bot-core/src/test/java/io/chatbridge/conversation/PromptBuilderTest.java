package io.chatbridge.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.model.ChatMessage;
import io.chatbridge.model.ContentPart;
import io.chatbridge.model.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Token costs used below, in o200k_base with 3 framing tokens and 1 role token per message.
 * The turns "question N" and "answer N" cost 7 each, and "nice" costs 5. The turn "photo" with a
 * 500-token image costs 505, or 10 as "photo\n[image omitted]". The new turn "hi" costs 5, and
 * reply priming adds 3, so a prompt without system message or history costs 8.
 */
class PromptBuilderTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final ContentPart.Image IMAGE = new ContentPart.Image("data:image/png;base64,AAAA", "low", 500);

    private final TokenCounter counter = new TokenCounter();
    private final PromptBuilder builder = new PromptBuilder(counter, 8000, 128_000);

    @Test
    void keepsWholeHistoryWhenItFits() throws Exception {
        List<Turn> history = pairs(3);

        Prompt prompt = builder.build("Be brief.", history, user("hi"), 1024, 8000);

        assertThat(texts(prompt)).containsExactly(
                "Be brief.", "question 1", "answer 1", "question 2", "answer 2", "question 3", "answer 3", "hi");
        assertThat(prompt.messages().getFirst().role()).isEqualTo(Role.SYSTEM);
        assertThat(prompt.promptTokens()).isEqualTo(8 + 7 + 42);
        assertThat(prompt.promptTokens()).isEqualTo(counter.count(prompt.messages()));
        assertThat(prompt.maxOutputTokens()).isEqualTo(1024);
        assertThat(prompt.droppedTurns()).isZero();
    }

    @Test
    void blankSystemPromptIsLeftOut() throws Exception {
        Prompt prompt = builder.build("  ", List.of(), user("hi"), 1024, 8000);

        assertThat(prompt.messages()).containsExactly(ChatMessage.text(Role.USER, "hi"));
        assertThat(prompt.promptTokens()).isEqualTo(8);
    }

    @Test
    void dropsOldestTurnsFirst() throws Exception {
        Prompt prompt = builder.build("", pairs(3), user("hi"), 1024, 8 + 28);

        assertThat(texts(prompt)).containsExactly("question 2", "answer 2", "question 3", "answer 3", "hi");
        assertThat(prompt.droppedTurns()).isEqualTo(2);
        assertThat(prompt.promptTokens()).isEqualTo(36);
        assertThat(prompt.promptTokens()).isEqualTo(counter.count(prompt.messages()));
    }

    @Test
    void dropsOrphanedAnswer() throws Exception {
        // 21 tokens would fit "answer 2", "question 3" and "answer 3", but "answer 2" goes with its question.
        Prompt prompt = builder.build("", pairs(3), user("hi"), 1024, 8 + 21);

        assertThat(texts(prompt)).containsExactly("question 3", "answer 3", "hi");
        assertThat(prompt.droppedTurns()).isEqualTo(4);
        assertThat(prompt.promptTokens()).isEqualTo(8 + 14);
    }

    @Test
    void keepsLeadingAnswerWithoutDrops() throws Exception {
        List<Turn> history = List.of(assistant("nice"), user("question 1"), assistant("answer 1"));

        Prompt prompt = builder.build("", history, user("hi"), 1024, 8000);

        assertThat(texts(prompt)).containsExactly("nice", "question 1", "answer 1", "hi");
        assertThat(prompt.droppedTurns()).isZero();
    }

    @Test
    void dropsImagesOfOldestTurnsFirst() throws Exception {
        List<Turn> history = List.of(userWithImages("photo", 1), assistant("nice"), userWithImages("photo", 1),
                assistant("nice"));

        // Room for every text and one image: 10 + 5 + 505 + 5.
        Prompt prompt = builder.build("", history, user("hi"), 1024, 8 + 525);

        assertThat(prompt.messages().get(0)).isEqualTo(ChatMessage.text(Role.USER, "photo\n[image omitted]"));
        assertThat(prompt.messages().get(2).parts()).containsExactly(new ContentPart.Text("photo"), IMAGE);
        assertThat(prompt.droppedTurns()).isZero();
        assertThat(prompt.promptTokens()).isEqualTo(8 + 525);
        assertThat(prompt.promptTokens()).isEqualTo(counter.count(prompt.messages()));
    }

    @Test
    void dropsImagesBeforeWholeTurns() throws Exception {
        List<Turn> history = List.of(user("question 1"), assistant("answer 1"), userWithImages("photo", 1),
                assistant("nice"));

        // With its image the photo turn leaves room for nothing older (5 + 505 + 7 > 512).
        // Without it every turn fits (5 + 10 + 7 + 7 = 29).
        Prompt prompt = builder.build("", history, user("hi"), 1024, 8 + 512);

        assertThat(texts(prompt)).containsExactly("question 1", "answer 1", "photo\n[image omitted]", "nice", "hi");
        assertThat(prompt.droppedTurns()).isZero();
        assertThat(prompt.promptTokens()).isEqualTo(8 + 29);
    }

    @Test
    void marksSeveralOmittedImagesOnce() throws Exception {
        List<Turn> history = List.of(userWithImages("photo", 2), assistant("nice"));

        Prompt prompt = builder.build("", history, user("hi"), 1024, 8 + 50);

        assertThat(texts(prompt)).containsExactly("photo\n[2 images omitted]", "nice", "hi");
    }

    @Test
    void promptAndOutputFitContextWindow() throws Exception {
        PromptBuilder small = new PromptBuilder(counter, 8000, 100);

        // The budget is 100 - 40 = 60, which leaves 52 for history after the fixed 8. That fits
        // 7 turns of 7 tokens, but the oldest of them is an assistant turn, so 6 remain.
        Prompt prompt = small.build("", pairs(10), user("hi"), 40, 8000);

        assertThat(texts(prompt)).containsExactly(
                "question 8", "answer 8", "question 9", "answer 9", "question 10", "answer 10", "hi");
        assertThat(prompt.droppedTurns()).isEqualTo(14);
        assertThat(prompt.promptTokens()).isEqualTo(50);
        assertThat(prompt.maxOutputTokens()).isEqualTo(40);
        assertThat(prompt.promptTokens() + prompt.maxOutputTokens()).isLessThanOrEqualTo(100);
    }

    @Test
    void configuredBudgetCapsCallLimit() throws Exception {
        PromptBuilder capped = new PromptBuilder(counter, 36, 128_000);

        Prompt prompt = capped.build("", pairs(3), user("hi"), 1024, 8000);

        assertThat(prompt.droppedTurns()).isEqualTo(2);
        assertThat(prompt.promptTokens()).isEqualTo(36);
        assertThat(capped.contextTokens()).isEqualTo(36);
    }

    @Test
    void throwsWhenNewTurnTooLarge() throws Exception {
        Turn longTurn = user("word ".repeat(100));

        // 3 priming + 7 system ("Be brief.") + 105 new turn (101 text tokens) = 115.
        assertThatThrownBy(() -> builder.build("Be brief.", pairs(1), longTurn, 1024, 114))
                .isInstanceOfSatisfying(PromptTooLargeException.class, e -> {
                    assertThat(e.tokens()).isEqualTo(115);
                    assertThat(e.limit()).isEqualTo(114);
                })
                .hasMessage("prompt needs 115 tokens without history, but the budget is 114");

        Prompt exact = builder.build("Be brief.", pairs(1), longTurn, 1024, 115);
        assertThat(exact.promptTokens()).isEqualTo(115);
        assertThat(exact.droppedTurns()).isEqualTo(2);
    }

    @Test
    void rejectsOutputThatFillsWindow() {
        PromptBuilder small = new PromptBuilder(counter, 8000, 100);

        assertThatThrownBy(() -> small.build("", List.of(), user("hi"), 100, 8000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxOutputTokens must be from 1 to 99 so that the context window of 100 leaves room for"
                        + " a prompt, was 100");
    }

    private static List<String> texts(Prompt prompt) {
        return prompt.messages().stream().map(ChatMessage::textContent).toList();
    }

    private static List<Turn> pairs(int count) {
        List<Turn> turns = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            turns.add(user("question " + i));
            turns.add(assistant("answer " + i));
        }
        return turns;
    }

    private static Turn user(String text) {
        return new Turn(Role.USER, text, List.of(), 0, T0, TurnStatus.COMPLETE);
    }

    private static Turn userWithImages(String text, int images) {
        List<ContentPart.Image> attached = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            attached.add(IMAGE);
        }
        return new Turn(Role.USER, text, attached, 0, T0, TurnStatus.COMPLETE);
    }

    private static Turn assistant(String text) {
        return new Turn(Role.ASSISTANT, text, List.of(), 0, T0, TurnStatus.COMPLETE);
    }
}
