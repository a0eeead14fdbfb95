package io.chatbridge.engine;

import io.chatbridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.config.BotConfig;
import io.chatbridge.config.ConfigLoader;
import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.conversation.SqliteChatSettingsStore;
import io.chatbridge.conversation.SqliteConversationStore;
import io.chatbridge.i18n.Language;
import io.chatbridge.i18n.MessageKey;
import io.chatbridge.i18n.Messages;
import io.chatbridge.media.Ffmpeg;
import io.chatbridge.media.MediaDownloader;
import io.chatbridge.media.MediaSettings;
import io.chatbridge.model.ChatMessage;
import io.chatbridge.model.ContentPart;
import io.chatbridge.model.ModelErrorKind;
import io.chatbridge.model.ModelException;
import io.chatbridge.model.Transcriber;
import io.chatbridge.model.Transcription;
import io.chatbridge.model.TranscriptionRequest;
import io.chatbridge.model.Usage;
import io.chatbridge.storage.Database;
import io.chatbridge.testing.MediaSamples;
import io.chatbridge.usage.CallOutcome;
import io.chatbridge.usage.ModelCall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attachments through the engine with an in-memory downloader and transcriber. */
class ChatEngineMediaTest {

    @TempDir
    Path dataDir;

    private final ScriptedChatModel model = new ScriptedChatModel();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final Messages messages = new Messages();
    private final List<ModelCall> recorded = new CopyOnWriteArrayList<>();
    private final List<TranscriptionRequest> transcribed = new CopyOnWriteArrayList<>();
    private Database database;
    private ChatEngine engine;

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
            database.close();
        }
    }

    private void engine(MediaSettings media, Transcriber transcriber) throws Exception {
        BotConfig config = ConfigLoader.load(null, Map.of(
                "OPENAI_API_KEY", "sk-test-placeholder", "CHATBRIDGE_DATA_DIR", dataDir.toString()));
        database = Database.open(dataDir.resolve("chatbridge.db"));
        engine = ChatEngine.builder()
                .config(config)
                .model(model)
                .cache(new ConversationCache(new SqliteConversationStore(database), 10_000_000, Duration.ofHours(1)))
                .settingsStore(new SqliteChatSettingsStore(database))
                .messages(messages)
                .scheduler(new ManualScheduler())
                .clock(clock)
                .sleeper(clock::advance)
                .usageRecorder(recorded::add)
                .media(media)
                .transcriber(transcriber)
                .ffmpeg(Ffmpeg.unavailable())
                .build();
    }

    private Transcriber saying(String transcript) {
        return request -> {
            transcribed.add(request);
            clock.advance(Duration.ofMillis(700));
            return new Transcription(transcript, new Usage(42, 0, 9, false), "127.0.0.1");
        };
    }

    private static InboundMessage message(String caption, Attachment attachment, String language) {
        return new InboundMessage(Platform.TELEGRAM, "100", null, new Sender("100", "Member", false, language),
                caption, List.of(attachment), true, false, false, "5", "chatbridge_test_bot", null);
    }

    private static MediaDownloader serving(byte[] bytes) {
        return (attachment, maxBytes) -> bytes;
    }

    private void answer(InboundMessage message, RecordingSink sink, MediaDownloader downloader) throws Exception {
        engine.accept(message, sink, downloader).get(20, TimeUnit.SECONDS);
    }

    @Test
    void voiceNoteIsShownAndItsTranscriptionRecorded() throws Exception {
        engine(MediaSettings.defaults(), saying("what time is it"));
        RecordingSink sink = new RecordingSink();
        Attachment voice = new Attachment(Attachment.Kind.VOICE, "voice-1", "audio/ogg", null, 4);

        answer(message("", voice, "en"), sink, serving("OggS".getBytes(StandardCharsets.US_ASCII)));

        assertThat(sink.texts()).containsExactly(
                messages.format(Language.EN, MessageKey.MEDIA_HEARD, "what time is it"), "ok");
        assertThat(model.requests().getFirst().messages().getLast().textContent()).isEqualTo("what time is it");
        assertThat(transcribed.getFirst().fileName()).isEqualTo("voice.ogg");
        ModelCall call = recorded.getFirst();
        assertThat(call.model()).isEqualTo("gpt-4o-mini-transcribe");
        assertThat(call.usage()).isEqualTo(new Usage(42, 0, 9, false));
        assertThat(call.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(call.totalTime()).isEqualTo(Duration.ofMillis(700));
        assertThat(call.upstream()).isEqualTo("127.0.0.1");
        assertThat(recorded).hasSize(2);
    }

    @Test
    void failedTranscriptionIsToldAndRecorded() throws Exception {
        engine(MediaSettings.defaults(), request -> {
            throw ModelException.of(ModelErrorKind.UPSTREAM_UNAVAILABLE, "HTTP 503 from 127.0.0.1", null);
        });
        RecordingSink sink = new RecordingSink();
        Attachment voice = new Attachment(Attachment.Kind.VOICE, "voice-1", "audio/ogg", null, 4);

        answer(message("", voice, "zh-hans"), sink, serving("OggS".getBytes(StandardCharsets.US_ASCII)));

        assertThat(sink.texts()).containsExactly(messages.format(Language.ZH_CN, MessageKey.MEDIA_TRANSCRIPTION_FAILED));
        assertThat(model.requests()).isEmpty();
        assertThat(recorded).singleElement().satisfies(call -> {
            assertThat(call.outcome()).isEqualTo(CallOutcome.FAILED);
            assertThat(call.error()).isEqualTo(ModelErrorKind.UPSTREAM_UNAVAILABLE);
        });
    }

    @Test
    void longDocumentIsCutWithANote() throws Exception {
        engine(MediaSettings.builder().maxDocumentTokens(50).build(), saying(""));
        RecordingSink sink = new RecordingSink();
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(40);
        Attachment document = new Attachment(Attachment.Kind.DOCUMENT, "doc-1", "text/plain", "notes.txt", -1);

        answer(message("summarize", document, "en"), sink, serving(text.getBytes(StandardCharsets.UTF_8)));

        String prompt = model.requests().getFirst().messages().getLast().textContent();
        assertThat(prompt).startsWith("summarize\n\n[File notes.txt, beginning only:]\nThe quick brown fox");
        assertThat(prompt).endsWith("\n[End of file notes.txt]");
        assertThat(prompt.length()).isLessThan(400);
        String note = sink.lastText().substring("ok\n\n".length());
        assertThat(note).startsWith("[notes.txt is longer than I can read at once, so I only read the first ");
        assertThat(sink.lastText()).startsWith("ok\n\n");
    }

    @Test
    void videoWithoutDecoderIsRefused() throws Exception {
        engine(MediaSettings.defaults(), saying(""));
        RecordingSink sink = new RecordingSink();
        Attachment video = new Attachment(Attachment.Kind.VIDEO, "video-1", "video/mp4", null, 100);

        answer(message("", video, "en"), sink, serving(new byte[100]));

        assertThat(sink.texts()).containsExactly(messages.format(Language.EN, MessageKey.MEDIA_NO_DECODER));
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void photoOverThePromptBudgetIsStillSent() throws Exception {
        engine(MediaSettings.defaults(), saying(""));
        RecordingSink sink = new RecordingSink();
        Attachment photo = new Attachment(Attachment.Kind.IMAGE, "photo-1", "image/jpeg", null, -1);

        answer(message("", photo, "en"), sink, serving(MediaSamples.gradient(3000, 2000, "jpg")));

        ChatMessage sent = model.requests().getFirst().messages().getLast();
        assertThat(sent.parts()).singleElement().isInstanceOfSatisfying(ContentPart.Image.class, image -> {
            assertThat(image.detail()).isEqualTo("high");
            assertThat(image.tokens()).isEqualTo(2833 + 6 * 5667);
        });
        assertThat(sink.texts()).containsExactly("ok");
    }

    @Test
    void attachmentWithoutDownloaderGetsDownloadMessage() throws Exception {
        engine(MediaSettings.defaults(), saying(""));
        RecordingSink sink = new RecordingSink();
        Attachment photo = new Attachment(Attachment.Kind.IMAGE, "photo-1", "image/jpeg", null, -1);

        engine.accept(message("look", photo, "en"), sink).get(20, TimeUnit.SECONDS);

        assertThat(sink.texts()).containsExactly(messages.format(Language.EN, MessageKey.MEDIA_DOWNLOAD_FAILED));
    }

    @Test
    void unsupportedFileGetsItsMessage() throws Exception {
        engine(MediaSettings.defaults(), saying(""));
        RecordingSink sink = new RecordingSink();
        Attachment archive = new Attachment(Attachment.Kind.DOCUMENT, "zip-1", "application/zip", "code.zip", 10);

        answer(message("", archive, "en"), sink, serving(new byte[10]));

        assertThat(sink.texts()).containsExactly(messages.format(Language.EN, MessageKey.MEDIA_UNSUPPORTED));
    }
}
