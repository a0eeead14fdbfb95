package io.chatbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.engine.Attachment;
import io.chatbridge.engine.InboundMessage;
import io.chatbridge.engine.Platform;
import io.chatbridge.testing.FakeDiscordServer;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gateway messages from the fixtures, through real JDA, as the handler receives them. */
class DiscordMessageMappingTest {

    private DiscordTestBed bed;
    private final RecordingHandler handler = new RecordingHandler();

    @BeforeEach
    void startFake() throws Exception {
        bed = new DiscordTestBed();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void guildMentionIsMappedWithoutTheMention() throws Exception {
        bed.start(handler);

        bed.fake.dispatchFixture("message_guild_mention.json");
        InboundMessage message = handler.next(DiscordTestBed.WAIT).message();

        assertThat(message.platform()).isEqualTo(Platform.DISCORD);
        assertThat(message.chatId()).isEqualTo(FakeDiscordServer.GENERAL_CHANNEL_ID);
        assertThat(message.threadId()).isNull();
        assertThat(message.sender().id()).isEqualTo("1300000000000000011");
        assertThat(message.sender().displayName()).isEqualTo("小王");
        assertThat(message.sender().bot()).isFalse();
        assertThat(message.sender().languageCode()).isNull();
        assertThat(message.text()).isEqualTo("帮我写一段 Java 的快速排序");
        assertThat(message.attachments()).isEmpty();
        assertThat(message.direct()).isFalse();
        assertThat(message.mentionsBot()).isTrue();
        assertThat(message.repliesToBot()).isFalse();
        assertThat(message.messageId()).isEqualTo("1300000000000001001");
        assertThat(message.botUsername()).isEqualTo("ChatBridge");
        assertThat(message.chatLocale()).isEqualTo("zh-CN");
    }

    @Test
    void plainGuildMessageIsDeliveredUnaddressed() throws Exception {
        bed.start(handler);

        bed.fake.dispatchFixture("message_guild_plain_no_trigger.json");
        InboundMessage message = handler.next(DiscordTestBed.WAIT).message();

        assertThat(message.text()).isEqualTo("anyone up for lunch?");
        assertThat(message.mentionsBot()).isFalse();
        assertThat(message.repliesToBot()).isFalse();
        assertThat(message.direct()).isFalse();
        assertThat(bed.fake.requests("POST", "channels/.*")).isEmpty();
    }

    @Test
    void answerAllChannelIsMappedWithoutAMention() throws Exception {
        bed.start(handler, Set.of(FakeDiscordServer.GENERAL_CHANNEL_ID));

        bed.fake.dispatchFixture("message_guild_plain_no_trigger.json");
        InboundMessage message = handler.next(DiscordTestBed.WAIT).message();

        assertThat(message.mentionsBot()).isFalse();
        assertThat(message.text()).isEqualTo("anyone up for lunch?");
    }

    @Test
    void threadInAnswerAllChannelKeepsItsParentChannel() throws Exception {
        bed.start(handler, Set.of(FakeDiscordServer.GENERAL_CHANNEL_ID));
        var thread = (com.fasterxml.jackson.databind.node.ObjectNode) bed.fake.fixture("message_thread_mention.json").get("d");
        thread.put("content", "no mention here");
        thread.putArray("mentions");

        bed.fake.dispatch("MESSAGE_CREATE", thread);
        InboundMessage message = handler.next(DiscordTestBed.WAIT).message();

        assertThat(message.threadId()).isEqualTo(FakeDiscordServer.THREAD_ID);
        assertThat(message.chatId()).isEqualTo(FakeDiscordServer.GENERAL_CHANNEL_ID);
        assertThat(message.mentionsBot()).isFalse();
    }

    @Test
    void replyToBotSetsRepliesToBot() throws Exception {
        bed.start(handler);

        bed.fake.dispatchFixture("message_guild_reply_to_bot.json");
        InboundMessage message = handler.next(DiscordTestBed.WAIT).message();

        assertThat(message.repliesToBot()).isTrue();
        // The reply pings the bot, but its text does not mention it.
        assertThat(message.mentionsBot()).isFalse();
        assertThat(message.text()).isEqualTo("shorter please");
        assertThat(message.sender().displayName()).isEqualTo("Alice");
    }

    @Test
    void directMessageIsDirect() throws Exception {
        bed.start(handler);

        bed.fake.dispatchFixture("message_dm.json");
        InboundMessage message = handler.next(DiscordTestBed.WAIT).message();

        assertThat(message.direct()).isTrue();
        assertThat(message.chatId()).isEqualTo(FakeDiscordServer.DM_CHANNEL_ID);
        assertThat(message.threadId()).isNull();
        assertThat(message.chatLocale()).isNull();
        assertThat(message.mentionsBot()).isFalse();
        assertThat(message.text()).isEqualTo("Say this is a test!");
        assertThat(message.sender().id()).isEqualTo("1300000000000000010");
    }

    @Test
    void threadMessageNamesParentAndThread() throws Exception {
        bed.start(handler);

        bed.fake.dispatchFixture("message_thread_mention.json");
        InboundMessage message = handler.next(DiscordTestBed.WAIT).message();

        assertThat(message.chatId()).isEqualTo(FakeDiscordServer.GENERAL_CHANNEL_ID);
        assertThat(message.threadId()).isEqualTo(FakeDiscordServer.THREAD_ID);
        assertThat(message.mentionsBot()).isTrue();
        assertThat(message.text()).isEqualTo("退款需要多久到账？");
        assertThat(message.chatLocale()).isEqualTo("zh-CN");
    }

    @Test
    void otherBotIsMarkedAsBot() throws Exception {
        bed.start(handler);

        bed.fake.dispatchFixture("message_from_other_bot.json");
        InboundMessage message = handler.next(DiscordTestBed.WAIT).message();

        assertThat(message.sender().bot()).isTrue();
        assertThat(message.sender().id()).isEqualTo("1300000000000000099");
        assertThat(message.mentionsBot()).isTrue();
        assertThat(message.text()).isEqualTo("ping");
    }

    @Test
    void imageAttachmentIsMapped() throws Exception {
        bed.start(handler);

        bed.fake.dispatchFixture("message_guild_mention_image.json");
        InboundMessage message = handler.next(DiscordTestBed.WAIT).message();

        assertThat(message.text()).isEqualTo("what is in this image?");
        assertThat(message.attachments()).containsExactly(new Attachment(
                Attachment.Kind.IMAGE,
                "http://127.0.0.1:PORT/attachments/1300000000000000200/1300000000000002001/photo.png"
                        + "?ex=67a1b2c3&is=67a06143&hm=0123abcd",
                "image/png",
                "photo.png",
                48213));
    }

    @Test
    void legacyNicknameMentionIsStripped() throws Exception {
        bed.start(handler);
        var mention = (com.fasterxml.jackson.databind.node.ObjectNode) bed.fake.fixture("message_guild_mention.json").get("d");
        mention.put("content", "hi <@!1300000000000000001> there");

        bed.fake.dispatch("MESSAGE_CREATE", mention);
        InboundMessage message = handler.next(DiscordTestBed.WAIT).message();

        assertThat(message.mentionsBot()).isTrue();
        assertThat(message.text()).isEqualTo("hi there");
    }

    @Test
    void documentAttachmentIsDocument() throws Exception {
        bed.start(handler);
        var withFile = (com.fasterxml.jackson.databind.node.ObjectNode) bed.fake.fixture("message_guild_mention_image.json").get("d");
        var file = (com.fasterxml.jackson.databind.node.ObjectNode) withFile.get("attachments").get(0);
        file.put("filename", "report.pdf");
        file.put("content_type", "application/pdf");
        file.remove("width");
        file.remove("height");

        bed.fake.dispatch("MESSAGE_CREATE", withFile);
        InboundMessage message = handler.next(DiscordTestBed.WAIT).message();

        assertThat(message.attachments()).hasSize(1);
        assertThat(message.attachments().get(0).kind()).isEqualTo(Attachment.Kind.DOCUMENT);
        assertThat(message.attachments().get(0).fileName()).isEqualTo("report.pdf");
    }
}
