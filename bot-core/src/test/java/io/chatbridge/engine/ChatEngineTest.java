package io.chatbridge.engine;

import io.chatbridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.config.BotConfig;
import io.chatbridge.config.ConfigLoader;
import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.conversation.ConversationKey;
import io.chatbridge.conversation.SqliteChatSettingsStore;
import io.chatbridge.conversation.SqliteConversationStore;
import io.chatbridge.conversation.TurnStatus;
import io.chatbridge.i18n.Language;
import io.chatbridge.i18n.MessageKey;
import io.chatbridge.i18n.Messages;
import io.chatbridge.model.ChatMessage;
import io.chatbridge.model.ChatRequest;
import io.chatbridge.model.ModelErrorKind;
import io.chatbridge.model.ModelException;
import io.chatbridge.model.Role;
import io.chatbridge.storage.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatEngineTest {

    private static final String BOT = "chatbridge_test_bot";
    private static final String GROUP = "-1001000000001";

    @TempDir
    Path dataDir;

    private final ScriptedChatModel model = new ScriptedChatModel();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final Messages messages = new Messages();
    private Database database;
    private ChatEngine engine;
    private ConversationCache cache;

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private ChatEngine engine(Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", "sk-test-placeholder");
        env.put("CHATBRIDGE_DATA_DIR", dataDir.toString());
        env.put("CHATBRIDGE_ADMINS_TELEGRAM", "42");
        env.put("CHATBRIDGE_CONVERSATION_SYSTEM_PROMPT", "You are a test bot.");
        env.putAll(extraEnv);
        BotConfig config = ConfigLoader.load(null, env);
        if (engine != null) {
            engine.close();
            database.close();
        }
        database = Database.open(dataDir.resolve("chatbridge.db"));
        cache = new ConversationCache(new SqliteConversationStore(database), 1_000_000, Duration.ofHours(1));
        engine = ChatEngine.builder()
                .config(config)
                .model(model)
                .cache(cache)
                .settingsStore(new SqliteChatSettingsStore(database))
                .messages(messages)
                .scheduler(scheduler)
                .clock(clock)
                .sleeper(duration -> clock.advance(duration))
                .build();
        return engine;
    }

    private ChatEngine engine() throws Exception {
        return engine(Map.of());
    }

    private static InboundMessage direct(String text) {
        return message("100", "100", text, true, false, false, "en");
    }

    private static InboundMessage group(String userId, String text, boolean mention, boolean reply, String language) {
        return message(GROUP, userId, text, false, mention, reply, language);
    }

    private static int counter;

    private static InboundMessage message(String chatId, String userId, String text, boolean direct, boolean mention,
            boolean reply, String language) {
        counter++;
        return new InboundMessage(Platform.TELEGRAM, chatId, null, new Sender(userId, "Member " + userId, false, language),
                text, List.of(), direct, mention, reply, String.valueOf(counter), BOT, null);
    }

    private static void await(java.util.concurrent.CompletableFuture<Void> future) throws Exception {
        future.get(10, TimeUnit.SECONDS);
    }

    private static List<String> texts(ChatRequest request) {
        return request.messages().stream().map(ChatMessage::textContent).toList();
    }

    private static List<Role> roles(ChatRequest request) {
        return request.messages().stream().map(ChatMessage::role).toList();
    }

    @Test
    void directMessageIsAnsweredWithModelText() throws Exception {
        engine();
        model.answer("Hello", " there");
        RecordingSink sink = new RecordingSink();

        await(engine.accept(direct("hi"), sink));

        assertThat(sink.texts()).containsExactly("Hello there");
        assertThat(model.requests()).hasSize(1);
        assertThat(texts(model.requests().getFirst())).containsExactly("You are a test bot.", "hi");
        assertThat(roles(model.requests().getFirst())).containsExactly(Role.SYSTEM, Role.USER);
        assertThat(sink.typingCount()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void plainGroupMessageIsIgnored() throws Exception {
        engine();
        RecordingSink sink = new RecordingSink();

        await(engine.accept(group("7", "just chatting", false, false, "en"), sink));

        assertThat(model.requests()).isEmpty();
        assertThat(sink.callCount()).isZero();
    }

    @Test
    void groupMentionIsAnsweredWithoutTheMention() throws Exception {
        engine();
        RecordingSink sink = new RecordingSink();

        await(engine.accept(group("7", "@chatbridge_test_bot what is 2+2?", true, false, "en"), sink));

        assertThat(texts(model.requests().getFirst()).getLast()).isEqualTo("what is 2+2?");
        assertThat(sink.texts()).containsExactly("ok");
    }

    @Test
    void replyToBotIsAnswered() throws Exception {
        engine();
        RecordingSink sink = new RecordingSink();

        await(engine.accept(group("7", "shorter please", false, true, "en"), sink));

        assertThat(model.requests()).hasSize(1);
        assertThat(sink.texts()).containsExactly("ok");
    }

    @Test
    void triggerPrefixIsAnsweredAndStripped() throws Exception {
        engine(Map.of("CHATBRIDGE_CONVERSATION_TRIGGER_PREFIX", "!ai"));

        await(engine.accept(group("7", "!ai tell me a joke", false, false, "en"), new RecordingSink()));
        await(engine.accept(group("7", "tell me a joke !ai", false, false, "en"), new RecordingSink()));

        assertThat(model.requests()).hasSize(1);
        assertThat(texts(model.requests().getFirst()).getLast()).isEqualTo("tell me a joke");
    }

    @Test
    void answerAllChatAnswersPlainMessages() throws Exception {
        engine(Map.of("CHATBRIDGE_TELEGRAM_ANSWER_ALL_CHATS", GROUP));
        RecordingSink sink = new RecordingSink();

        await(engine.accept(group("7", "my order has not arrived", false, false, "en"), sink));

        assertThat(texts(model.requests().getFirst()).getLast()).isEqualTo("my order has not arrived");
        assertThat(sink.texts()).containsExactly("ok");
    }

    @Test
    void messagesFromBotsNeverTrigger() throws Exception {
        engine();
        InboundMessage fromBot = new InboundMessage(Platform.TELEGRAM, GROUP, null,
                new Sender("555", "other_bot", true, null), "@chatbridge_test_bot hi", List.of(), false, true, false,
                "9", BOT, null);
        RecordingSink sink = new RecordingSink();

        await(engine.accept(fromBot, sink));

        assertThat(model.requests()).isEmpty();
        assertThat(sink.callCount()).isZero();
    }

    @Test
    void commandForAnotherBotIsIgnored() throws Exception {
        engine();
        RecordingSink sink = new RecordingSink();

        await(engine.accept(group("7", "/help@other_helper_bot", false, false, "en"), sink));

        assertThat(sink.callCount()).isZero();
    }

    @Test
    void unknownCommandIsIgnoredInGroupsButExplainedDirectly() throws Exception {
        engine();
        RecordingSink groupSink = new RecordingSink();
        RecordingSink directSink = new RecordingSink();

        await(engine.accept(group("7", "/weather", false, false, "en"), groupSink));
        await(engine.accept(direct("/weather tomorrow"), directSink));

        assertThat(groupSink.callCount()).isZero();
        assertThat(directSink.texts()).containsExactly(messages.format(Language.EN, MessageKey.UNKNOWN_COMMAND, "/weather"));
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void unknownCommandWithMentionIsExplained() throws Exception {
        engine();
        RecordingSink sink = new RecordingSink();

        await(engine.accept(group("7", "/weather", true, false, "zh-CN"), sink));

        assertThat(sink.texts()).containsExactly(messages.format(Language.ZH_CN, MessageKey.UNKNOWN_COMMAND, "/weather"));
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void helpWithOwnSuffixIsAnswered() throws Exception {
        engine();
        RecordingSink sink = new RecordingSink();

        await(engine.accept(group("7", "/help@chatbridge_test_bot", false, false, "en"), sink));

        assertThat(sink.texts()).containsExactly(messages.help(Language.EN, ""));
    }

    @Test
    void historyIsSentWithTheNextQuestion() throws Exception {
        engine();
        model.answer("Paris.");

        await(engine.accept(direct("Capital of France?"), new RecordingSink()));
        await(engine.accept(direct("And of Italy?"), new RecordingSink()));

        ChatRequest second = model.requests().get(1);
        assertThat(texts(second)).containsExactly("You are a test bot.", "Capital of France?", "Paris.", "And of Italy?");
        assertThat(roles(second)).containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.USER);
    }

    @Test
    void historySurvivesANewEngineOverTheSameDatabase() throws Exception {
        engine();
        model.answer("Paris.");
        await(engine.accept(direct("Capital of France?"), new RecordingSink()));

        engine();
        await(engine.accept(direct("And of Italy?"), new RecordingSink()));

        assertThat(texts(model.requests().get(1))).contains("Capital of France?", "Paris.");
    }

    @Test
    void resetClearsTheConversation() throws Exception {
        engine();
        RecordingSink resetSink = new RecordingSink();
        await(engine.accept(direct("remember 7"), new RecordingSink()));

        await(engine.accept(direct("/reset"), resetSink));
        await(engine.accept(direct("what number?"), new RecordingSink()));

        assertThat(resetSink.texts()).containsExactly(messages.format(Language.EN, MessageKey.RESET_DONE));
        assertThat(texts(model.requests().get(1))).containsExactly("You are a test bot.", "what number?");
    }

    @Test
    void systemCommandIsForAdminsOnlyAndPersists() throws Exception {
        engine();
        RecordingSink memberSink = new RecordingSink();
        RecordingSink adminSink = new RecordingSink();

        await(engine.accept(group("7", "/system Be rude.", false, false, "en"), memberSink));
        await(engine.accept(group("42", "/system Answer in haiku.", false, false, "en"), adminSink));
        engine();
        await(engine.accept(group("7", "@chatbridge_test_bot hi", true, false, "en"), new RecordingSink()));

        assertThat(memberSink.texts()).containsExactly(messages.format(Language.EN, MessageKey.ADMIN_ONLY));
        assertThat(adminSink.texts()).containsExactly(
                messages.format(Language.EN, MessageKey.SYSTEM_UPDATED, "Answer in haiku."));
        assertThat(texts(model.requests().getFirst()).getFirst()).isEqualTo("Answer in haiku.");
    }

    @Test
    void systemPromptOverHalfTheBudgetIsRefused() throws Exception {
        engine(Map.of("CHATBRIDGE_OPENAI_CONTEXT_TOKENS", "1000"));
        RecordingSink sink = new RecordingSink();
        String longPrompt = "Always answer politely. ".repeat(200);

        await(engine.accept(group("42", "/system " + longPrompt, false, false, "en"), sink));

        assertThat(sink.texts()).containsExactly(messages.format(Language.EN, MessageKey.SYSTEM_TOO_LONG, 800, 500));
    }

    @Test
    void chineseMemberGetsChineseBotMessages() throws Exception {
        engine();
        RecordingSink sink = new RecordingSink();

        await(engine.accept(group("7", "/reset", false, false, "zh-hans"), sink));

        assertThat(sink.texts()).containsExactly(messages.format(Language.ZH_CN, MessageKey.RESET_DONE));
    }

    private static InboundMessage withChatLocale(String text, String chatLocale) {
        return new InboundMessage(Platform.DISCORD, "200", null, new Sender("7", "Member", false, null), text,
                List.of(), false, true, false, "5", BOT, chatLocale);
    }

    @Test
    void englishServerLocaleKeepsConfiguredChinese() throws Exception {
        engine(Map.of("CHATBRIDGE_LANGUAGE", "zh-CN"));
        RecordingSink sink = new RecordingSink();

        await(engine.accept(withChatLocale("/reset", "en-US"), sink));

        assertThat(sink.texts()).containsExactly(messages.format(Language.ZH_CN, MessageKey.RESET_DONE));
    }

    @Test
    void chineseServerLocaleOverridesEnglishDefault() throws Exception {
        engine();
        RecordingSink sink = new RecordingSink();

        await(engine.accept(withChatLocale("/reset", "zh-CN"), sink));

        assertThat(sink.texts()).containsExactly(messages.format(Language.ZH_CN, MessageKey.RESET_DONE));
    }

    @Test
    void userScopeGivesEachMemberTheirOwnContext() throws Exception {
        engine(Map.of("CHATBRIDGE_CONVERSATION_SCOPE", "user"));

        await(engine.accept(group("7", "@chatbridge_test_bot I am Alice", true, false, "en"), new RecordingSink()));
        await(engine.accept(group("8", "@chatbridge_test_bot who am I?", true, false, "en"), new RecordingSink()));

        assertThat(texts(model.requests().get(1))).containsExactly("You are a test bot.", "who am I?");
    }

    @Test
    void splitLongPasteIsAnsweredOnce() throws Exception {
        engine();
        String firstPart = "a".repeat(4000);
        RecordingSink sink = new RecordingSink();

        var first = engine.accept(group("7", "@chatbridge_test_bot " + firstPart, true, false, "en"), sink);
        var second = engine.accept(group("7", "the end", false, false, "en"), sink);
        scheduler.runPending();
        await(first);
        await(second);

        assertThat(model.requests()).hasSize(1);
        assertThat(texts(model.requests().getFirst()).getLast()).isEqualTo(firstPart + "\nthe end");
    }

    @Test
    void quotaFailureIsToldAndNotStored() throws Exception {
        engine();
        model.fail(new ModelException(ModelErrorKind.QUOTA_EXHAUSTED, "insufficient_quota", 429, "insufficient_quota",
                "insufficient_quota", null, "", null));
        RecordingSink sink = new RecordingSink();

        await(engine.accept(direct("hi"), sink));

        assertThat(sink.texts()).containsExactly(messages.format(Language.EN, MessageKey.ERROR_QUOTA));
        assertThat(cache.history(new ConversationKey(Platform.TELEGRAM, "100", null, null))).isEmpty();
    }

    @Test
    void brokenStreamKeepsPartialAnswerMarkedInterrupted() throws Exception {
        engine();
        model.fail(ModelException.of(ModelErrorKind.STREAM_BROKEN, "connection reset", null), "The answer is");
        RecordingSink sink = new RecordingSink();

        await(engine.accept(direct("question"), sink));

        String notice = messages.format(Language.EN, MessageKey.ANSWER_INTERRUPTED);
        assertThat(sink.lastText()).isEqualTo("The answer is\n\n" + notice);
        var history = cache.history(new ConversationKey(Platform.TELEGRAM, "100", null, null));
        assertThat(history).hasSize(2);
        assertThat(history.get(1).text()).isEqualTo("The answer is");
        assertThat(history.get(1).status()).isEqualTo(TurnStatus.INTERRUPTED);
    }

    @Test
    void contextLengthErrorIsRetriedOnceWithFewerTurns() throws Exception {
        engine();
        model.answer("first");
        await(engine.accept(direct("one"), new RecordingSink()));
        model.fail(new ModelException(ModelErrorKind.CONTEXT_LENGTH_EXCEEDED, "too long", 400, "invalid_request_error",
                "context_length_exceeded", null, "", null));
        model.answer("fits now");
        RecordingSink sink = new RecordingSink();

        await(engine.accept(direct("two"), sink));

        assertThat(model.requests()).hasSize(3);
        assertThat(model.requests().get(2).messages().size()).isLessThan(model.requests().get(1).messages().size());
        assertThat(sink.texts()).containsExactly("fits now");
    }

    @Test
    void emptyMentionGetsAHint() throws Exception {
        engine();
        RecordingSink sink = new RecordingSink();

        await(engine.accept(group("7", "@chatbridge_test_bot", true, false, "en"), sink));

        assertThat(sink.texts()).containsExactly(messages.format(Language.EN, MessageKey.EMPTY_MESSAGE));
        assertThat(model.requests()).isEmpty();
    }
}
