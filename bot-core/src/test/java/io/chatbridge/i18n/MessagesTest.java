package io.chatbridge.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessagesTest {

    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
    /** Numbers, because the seconds arguments go through a choice format. */
    private static final Object[] SAMPLE_ARGUMENTS = {7, 9};

    private final Messages messages = new Messages();

    @ParameterizedTest
    @EnumSource(MessageKey.class)
    void everyKeyHasEnglishText(MessageKey key) {
        String text = messages.format(Language.EN, key, SAMPLE_ARGUMENTS);

        assertThat(text).isNotBlank();
        assertThat(CJK.matcher(text).find()).as("CJK in English %s", key).isFalse();
        assertThat(text).doesNotContain("{").doesNotContain("''");
    }

    @ParameterizedTest
    @EnumSource(MessageKey.class)
    void everyKeyHasChineseText(MessageKey key) {
        String text = messages.format(Language.ZH_CN, key, SAMPLE_ARGUMENTS);

        assertThat(text).isNotBlank();
        assertThat(CJK.matcher(text).find()).as("CJK in Chinese %s", key).isTrue();
        assertThat(text).doesNotContain("{");
    }

    @Test
    void bundleKeysFollowEnumNames() {
        assertThat(MessageKey.START.bundleKey()).isEqualTo("start");
        assertThat(MessageKey.HELP_TRIGGER_PREFIX.bundleKey()).isEqualTo("help.trigger_prefix");
        assertThat(MessageKey.ERROR_RATE_LIMITED.bundleKey()).isEqualTo("error.rate_limited");
    }

    @Test
    void apostrophesSurviveFormatting() {
        assertThat(messages.format(Language.EN, MessageKey.START, "ChatBridge")).isEqualTo(
                "Hi, I'm ChatBridge, an AI assistant. Ask me anything, or send /help to see what I can do.");
        assertThat(messages.format(Language.EN, MessageKey.ADMIN_ONLY))
                .isEqualTo("Sorry, only the bot's admins can do that.");
    }

    @Test
    void formatsArgumentsInEachLanguage() {
        assertThat(messages.format(Language.EN, MessageKey.UNKNOWN_COMMAND, "/foo"))
                .isEqualTo("I don't know the command /foo. Send /help to see the ones I know.");
        assertThat(messages.format(Language.ZH_CN, MessageKey.UNKNOWN_COMMAND, "/foo"))
                .isEqualTo("我不认识 /foo 这个命令。发送 /help 可以查看能用的命令。");
        assertThat(messages.format(Language.ZH_CN, MessageKey.ERROR_MODEL_NOT_FOUND, "gpt-5-nano"))
                .isEqualTo("AI 服务上没有 gpt-5-nano 这个模型。请联系机器人的维护者检查模型设置。");
    }

    @Test
    void numbersUseGroupingOfLocale() {
        assertThat(messages.format(Language.EN, MessageKey.INPUT_TRUNCATED, 32_000, 40_512)).isEqualTo(
                "Your message was too long, so I only read the first 32,000 of its 40,512 characters.");
        assertThat(messages.format(Language.ZH_CN, MessageKey.INPUT_TRUNCATED, 32_000, 40_512))
                .isEqualTo("你的消息太长了，我只读了前 32,000 个字符（共 40,512 个）。");
    }

    @Test
    void waitSecondsAgreeWithNumber() {
        assertThat(messages.format(Language.EN, MessageKey.ERROR_RATE_LIMITED, 1))
                .isEqualTo("The AI service is busy right now. Please try again in 1 second.");
        assertThat(messages.format(Language.EN, MessageKey.ERROR_RATE_LIMITED, 30))
                .isEqualTo("The AI service is busy right now. Please try again in 30 seconds.");
        assertThat(messages.format(Language.EN, MessageKey.ERROR_RATE_LIMITED, 0))
                .isEqualTo("The AI service is busy right now. Please try again in a moment.");
        assertThat(messages.format(Language.ZH_CN, MessageKey.ERROR_RATE_LIMITED, 30))
                .isEqualTo("AI 服务现在比较忙，请 30 秒后再试。");
        assertThat(messages.format(Language.ZH_CN, MessageKey.LIMIT_RATE, 0))
                .isEqualTo("你发消息太快了，请稍等一下再试。");
        assertThat(messages.format(Language.EN, MessageKey.LIMIT_RATE, 5L)).isEqualTo(
                "You're sending messages faster than I can keep up with. Please wait 5 seconds and try again.");
    }

    @Test
    void multiLineArgumentIsKeptAsIs() {
        assertThat(messages.format(Language.EN, MessageKey.SYSTEM_UPDATED, "Don't use {braces}.\nBe kind."))
                .isEqualTo("Got it. From now on, this chat's system prompt is:\nDon't use {braces}.\nBe kind.");
    }

    @Test
    void helpWithoutTriggerPrefix() {
        assertThat(messages.help(Language.EN, "")).isEqualTo("""
                Here's what I can do:
                /help – show this message
                /reset – start a new conversation; I forget our earlier messages
                /system – show this chat's system prompt
                /system <text> – replace it (the bot's admins only)
                /usage – show token use and cost
                /budget – show budgets; admins set them with /budget user <id> <period> <amount> or /budget chat <period> <amount>

                In a direct chat, just write to me. In a group, mention me or reply to one of my messages.""");
    }

    @Test
    void helpWithTriggerPrefixEndsWithItsLine() {
        assertThat(messages.help(Language.EN, "!ai"))
                .endsWith("reply to one of my messages.\nYou can also start a message with !ai to ask me.");
        assertThat(messages.help(Language.ZH_CN, "!ai"))
                .startsWith("我能做这些：\n/help – 显示这条帮助\n")
                .endsWith("在群里，请 @我 或回复我的消息。\n也可以在消息开头加上 !ai 来问我。");
    }

    @Test
    void helpListsEveryCommandInBothLanguages() {
        for (Language language : Language.values()) {
            assertThat(messages.help(language, ""))
                    .contains("/help")
                    .contains("/reset")
                    .contains("/system")
                    .contains("/usage");
        }
    }

    @Test
    void argumentIndexesIncludeChoiceSubPatterns() {
        assertThat(Messages.argumentIndexes("Wait {0,choice,0#a moment|1<{0,number,integer} s} of {1}"))
                .containsExactly(0, 1);
        assertThat(Messages.argumentIndexes("It''s '{literal}' {2}")).containsExactly(2);
    }

    @Test
    void brokenBundlesFailLoudly() {
        assertThatThrownBy(() -> new Messages(List.of("io.chatbridge.i18n.broken", "io.chatbridge.i18n.media")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("""
                        The message bundles are incomplete:
                        broken_zh_CN.properties or media_zh_CN.properties has no text for admin.only
                        broken_zh_CN.properties has admin.onyl, which no MessageKey names
                        broken_zh_CN.properties: unknown.command uses arguments [1], expected [0] as in English""");
    }

    @Test
    void missingBundleFailsLoudly() {
        assertThatThrownBy(() -> new Messages("io.chatbridge.i18n.absent"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("""
                        The message bundles are incomplete:
                        absent.properties is missing
                        absent_zh_CN.properties is missing""");
    }
}
