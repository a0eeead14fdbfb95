package io.chatbridge.telegram;

import static io.chatbridge.telegram.TelegramHarness.PRIVATE_CHAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatbridge.i18n.Language;
import io.chatbridge.i18n.MessageKey;
import io.chatbridge.i18n.Messages;
import io.chatbridge.testing.CapturedRequest;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.Fixtures;
import io.chatbridge.testing.MediaSamples;
import io.chatbridge.testing.TranscriptionUpload;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Photos, voice notes, videos and documents through the real TelegramBots library, the engine and
 * the model client, against the fake Bot API (getFile and file downloads) and the fake OpenAI
 * server (chat completions and transcriptions).
 */
class TelegramMediaTest {

    private static final long ZH_CHAT = 100000002L;

    @TempDir
    Path dataDir;

    @TempDir
    Path mediaDir;

    private TelegramHarness bot;
    private final Messages messages = new Messages();
    private final TelegramHtmlFormat html = new TelegramHtmlFormat();

    @BeforeEach
    void startBot() throws Exception {
        bot = new TelegramHarness(dataDir);
    }

    @AfterEach
    void stopBot() {
        bot.close();
    }

    @Test
    void photoWithCaptionReachesModelAsImage() throws Exception {
        bot.telegram.addFile("AgACAgQAAxkBAAIBlarge", Fixtures.bytes("media/gradient_64x48.png"));

        bot.push("photo_with_caption.json");

        bot.awaitTexts(PRIVATE_CHAT, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        JsonNode content = lastUserContent(bot.openAi.awaitRequest(TelegramHarness.WAIT));
        assertThat(content).hasSize(2);
        assertThat(content.get(0).path("type").asText()).isEqualTo("text");
        assertThat(content.get(0).path("text").asText()).isEqualTo("What is in this picture?");
        assertThat(content.get(1).path("type").asText()).isEqualTo("image_url");
        assertThat(content.get(1).path("image_url").path("detail").asText()).isEqualTo("high");
        String url = content.get(1).path("image_url").path("url").asText();
        assertThat(url).startsWith("data:image/jpeg;base64,");
        BufferedImage sent = MediaSamples.decodeDataUrl(url);
        assertThat(sent.getWidth()).isEqualTo(64);
        assertThat(sent.getHeight()).isEqualTo(48);
        assertThat(bot.telegram.calls("getFile").getFirst().parameters().path("file_id").asText())
                .isEqualTo("AgACAgQAAxkBAAIBlarge");
    }

    @Test
    void largePhotoWithoutCaptionIsScaledForHighDetail() throws Exception {
        bot.telegram.addFile("AgACAgQAAxkBAAIClarge", MediaSamples.gradient(3000, 2000, "png"));

        bot.push("photo_no_caption.json");

        bot.awaitTexts(PRIVATE_CHAT, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        JsonNode content = lastUserContent(bot.openAi.awaitRequest(TelegramHarness.WAIT));
        assertThat(content).hasSize(1);
        assertThat(content.get(0).path("type").asText()).isEqualTo("image_url");
        BufferedImage sent = MediaSamples.decodeDataUrl(content.get(0).path("image_url").path("url").asText());
        assertThat(sent.getWidth()).isEqualTo(1152);
        assertThat(sent.getHeight()).isEqualTo(768);
    }

    @Test
    void voiceNoteIsTranscribedAndShown() throws Exception {
        assumeTrue(MediaSamples.ffmpegInstalled(), "ffmpeg is not installed; run scripts/install-tools.sh");
        bot.telegram.addFile("AwACAgQAAxkBAAIDvoice", "voice/file_7.oga", MediaSamples.oggOpusTone(mediaDir));
        bot.openAi.enqueueTranscript("明天北京天气怎么样？");

        bot.push("voice.json");

        String heard = html.render(messages.format(Language.ZH_CN, MessageKey.MEDIA_HEARD, "明天北京天气怎么样？"));
        List<String> texts = bot.awaitTexts(ZH_CHAT, 2, FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(texts.getFirst()).isEqualTo(heard);
        TranscriptionUpload upload = bot.openAi.transcriptions().getFirst();
        assertThat(upload.fileName()).isEqualTo("voice.ogg");
        assertThat(upload.contentType()).isEqualTo("audio/ogg");
        assertThat(upload.model()).isEqualTo("gpt-4o-mini-transcribe");
        assertThat(upload.authorization()).isEqualTo("Bearer sk-test-placeholder-key");
        assertThat(bot.telegram.downloads()).containsExactly("voice/file_7.oga");
        assertThat(lastUserText(bot.openAi.awaitRequest(TelegramHarness.WAIT))).isEqualTo("明天北京天气怎么样？");
    }

    @Test
    void videoYieldsFramesAndTranscript() throws Exception {
        assumeTrue(MediaSamples.ffmpegInstalled(), "ffmpeg is not installed; run scripts/install-tools.sh");
        byte[] video = MediaSamples.videoWithSound(mediaDir);
        bot.telegram.addFile("BAACAgvideo", video);
        bot.openAi.enqueueTranscript("hello from the video");

        bot.telegram.pushUpdate(update(PRIVATE_CHAT, "en", "\"caption\": \"what happens here?\", \"video\": "
                + "{\"file_id\": \"BAACAgvideo\", \"file_unique_id\": \"uv\", \"width\": 320, \"height\": 240,"
                + " \"duration\": 3, \"mime_type\": \"video/mp4\", \"file_size\": " + video.length + "}"));

        bot.awaitTexts(PRIVATE_CHAT, 2, FakeOpenAiServer.DEFAULT_ANSWER);
        JsonNode content = lastUserContent(bot.openAi.awaitRequest(TelegramHarness.WAIT));
        List<JsonNode> frames = parts(content, "image_url");
        assertThat(frames).hasSize(8);
        for (JsonNode frame : frames) {
            assertThat(frame.path("image_url").path("detail").asText()).isEqualTo("low");
            BufferedImage image = MediaSamples.decodeDataUrl(frame.path("image_url").path("url").asText());
            assertThat(image.getWidth()).isEqualTo(320);
            assertThat(image.getHeight()).isEqualTo(240);
        }
        String text = parts(content, "text").getFirst().path("text").asText();
        assertThat(text).isEqualTo("what happens here?\n\n[Video: 8 frames taken at even intervals of its 3.0 seconds"
                + " follow.]\n[Transcript of the video's audio track:]\nhello from the video");
        TranscriptionUpload upload = bot.openAi.transcriptions().getFirst();
        assertThat(upload.fileName()).isEqualTo("audio.flac");
        assertThat(upload.contentType()).isEqualTo("audio/flac");
    }

    @Test
    void pdfTextReachesThePrompt() throws Exception {
        bot.telegram.addFile("BQACAgpdf", pdf("Quarterly revenue grew by 12 percent."));

        bot.telegram.pushUpdate(update(PRIVATE_CHAT, "en", "\"caption\": \"Summarize this\", \"document\": "
                + "{\"file_id\": \"BQACAgpdf\", \"file_unique_id\": \"up\", \"file_name\": \"report.pdf\","
                + " \"mime_type\": \"application/pdf\"}"));

        bot.awaitTexts(PRIVATE_CHAT, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(lastUserText(bot.openAi.awaitRequest(TelegramHarness.WAIT))).isEqualTo(
                "Summarize this\n\n[File report.pdf:]\nQuarterly revenue grew by 12 percent.\n[End of file report.pdf]");
    }

    @Test
    void corruptImageGetsItsMessage() {
        byte[] brokenPng = Fixtures.bytes("media/gradient_64x48.png");
        bot.telegram.addFile("AgACAgQAAxkBAAIClarge", java.util.Arrays.copyOf(brokenPng, 60));

        bot.push("photo_no_caption.json");

        assertOnlyMessage(PRIVATE_CHAT, messages.format(Language.EN, MessageKey.MEDIA_CORRUPT));
    }

    @Test
    void photoThatIsNotAnImageGetsItsMessage() {
        bot.telegram.addFile("AgACAgQAAxkBAAIClarge", "this is plain text".getBytes(StandardCharsets.UTF_8));

        bot.push("photo_no_caption.json");

        assertOnlyMessage(PRIVATE_CHAT, messages.format(Language.EN, MessageKey.MEDIA_NOT_AN_IMAGE));
    }

    @Test
    void zeroByteFileGetsItsMessage() {
        bot.telegram.addFile("AgACAgQAAxkBAAIClarge", new byte[0]);

        bot.push("photo_no_caption.json");

        assertOnlyMessage(PRIVATE_CHAT, messages.format(Language.EN, MessageKey.MEDIA_EMPTY));
    }

    @Test
    void fileOverTheCapIsRefusedWithoutDownload() {
        bot.telegram.pushUpdate(update(PRIVATE_CHAT, "en", "\"document\": {\"file_id\": \"BQACAgbig\","
                + " \"file_unique_id\": \"ub\", \"file_name\": \"big.txt\", \"mime_type\": \"text/plain\","
                + " \"file_size\": 26214400}"));

        assertOnlyMessage(PRIVATE_CHAT, messages.format(Language.EN, MessageKey.MEDIA_TOO_LARGE, 25.0, 20.0));
        assertThat(bot.telegram.calls("getFile")).isEmpty();
    }

    @Test
    void audioWithoutSoundGetsItsMessage() {
        assumeTrue(MediaSamples.ffmpegInstalled(), "ffmpeg is not installed; run scripts/install-tools.sh");
        bot.telegram.addFile("CQACAgsilent", MediaSamples.silentVideo(mediaDir));

        bot.telegram.pushUpdate(update(PRIVATE_CHAT, "en", "\"audio\": {\"file_id\": \"CQACAgsilent\","
                + " \"file_unique_id\": \"ua\", \"duration\": 2, \"file_name\": \"song.mp3\", \"mime_type\": \"audio/mpeg\"}"));

        assertOnlyMessage(PRIVATE_CHAT, messages.format(Language.EN, MessageKey.MEDIA_NO_AUDIO));
        assertThat(bot.openAi.transcriptions()).isEmpty();
    }

    @Test
    void videoWithoutPictureGetsItsMessageInChinese() {
        assumeTrue(MediaSamples.ffmpegInstalled(), "ffmpeg is not installed; run scripts/install-tools.sh");
        bot.telegram.addFile("BAACAgaudio", MediaSamples.audioOnlyMp4(mediaDir));

        bot.telegram.pushUpdate(update(ZH_CHAT, "zh-hans", "\"video\": {\"file_id\": \"BAACAgaudio\","
                + " \"file_unique_id\": \"uw\", \"width\": 320, \"height\": 240, \"duration\": 2,"
                + " \"mime_type\": \"video/mp4\"}"));

        assertOnlyMessage(ZH_CHAT, messages.format(Language.ZH_CN, MessageKey.MEDIA_NO_VIDEO));
    }

    @Test
    void conversationStaysUsableAfterBadInput() {
        bot.telegram.addFile("AgACAgQAAxkBAAIClarge", new byte[0]);
        bot.push("photo_no_caption.json");
        bot.awaitTexts(PRIVATE_CHAT, 1, html.render(messages.format(Language.EN, MessageKey.MEDIA_EMPTY)));

        bot.push("private_text.json");

        bot.awaitTexts(PRIVATE_CHAT, 2, FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(bot.openAi.requestCount()).isEqualTo(1);
    }

    private void assertOnlyMessage(long chatId, String text) {
        bot.awaitTexts(chatId, 1, html.render(text));
        assertThat(bot.openAi.requestCount()).isZero();
    }

    private static String update(long chatId, String language, String mediaFields) {
        return """
                {"update_id": 1, "message": {"message_id": 77,
                  "from": {"id": %d, "is_bot": false, "first_name": "Member", "language_code": "%s"},
                  "chat": {"id": %d, "first_name": "Member", "type": "private"},
                  "date": 1764800100, %s}}""".formatted(chatId, language, chatId, mediaFields);
    }

    private static JsonNode lastUserContent(CapturedRequest request) {
        JsonNode messages = request.jsonBody().path("messages");
        return messages.get(messages.size() - 1).path("content");
    }

    private static String lastUserText(CapturedRequest request) {
        JsonNode content = lastUserContent(request);
        return content.isTextual() ? content.asText() : parts(content, "text").getFirst().path("text").asText();
    }

    private static List<JsonNode> parts(JsonNode content, String type) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode part : content) {
            if (part.path("type").asText().equals(type)) {
                found.add(part);
            }
        }
        return found;
    }

    private static byte[] pdf(String line) throws Exception {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
                stream.beginText();
                stream.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                stream.newLineAtOffset(72, 700);
                stream.showText(line);
                stream.endText();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        }
    }
}
