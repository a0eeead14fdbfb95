package io.chatbridge.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.conversation.TokenCounter;
import io.chatbridge.engine.Attachment;
import io.chatbridge.model.ContentPart;
import io.chatbridge.testing.MediaSamples;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Images, text encodings, audio uploads, probes and PDFs, read with the real decoders. */
class MediaFormatsTest {

    @TempDir
    Path directory;

    private final ImageConverter images = new ImageConverter();

    @ParameterizedTest
    @CsvSource({
        "3000, 2000, HIGH, 1152, 768",
        "4096, 1024, HIGH, 2048, 512",
        "1000, 4000, AUTO, 512, 2048",
        "64, 48, HIGH, 64, 48",
        "1600, 900, LOW, 512, 288",
        "300, 200, LOW, 300, 200",
    })
    void imageSizeFitsDetail(int width, int height, ImageDetail detail, int expectedWidth, int expectedHeight) {
        assertThat(ImageSizing.target(width, height, detail)).isEqualTo(new ImageSizing(expectedWidth, expectedHeight));
    }

    @Test
    void transparentImageStaysPng() throws Exception {
        BufferedImage sticker = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
        sticker.setRGB(5, 5, 0xFF00FF00);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(sticker, "png", png);

        ContentPart.Image part = images.convert(png.toByteArray(), ImageDetail.LOW, "test sticker");

        assertThat(part.url()).startsWith("data:image/png;base64,");
        assertThat(part.detail()).isEqualTo("low");
        assertThat(part.tokens()).isEqualTo(TokenCounter.IMAGE_BASE_TOKENS);
        BufferedImage decoded = MediaSamples.decodeDataUrl(part.url());
        assertThat(decoded.getRGB(0, 0) >>> 24).isZero();
        assertThat(decoded.getRGB(5, 5)).isEqualTo(0xFF00FF00);
    }

    @Test
    void webpStickerIsDecoded() throws Exception {
        assumeTrue(MediaSamples.ffmpegInstalled(), "ffmpeg is not installed; run scripts/install-tools.sh");
        Path png = directory.resolve("in.png");
        Files.write(png, MediaSamples.gradient(512, 512, "png"));
        Path webp = directory.resolve("sticker.webp");
        Process process = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-i", png.toString(),
                "-c:v", "libwebp", webp.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();

        ContentPart.Image part = images.convert(Files.readAllBytes(webp), ImageDetail.HIGH, "test sticker");

        BufferedImage decoded = MediaSamples.decodeDataUrl(part.url());
        assertThat(decoded.getWidth()).isEqualTo(512);
        assertThat(decoded.getHeight()).isEqualTo(512);
        assertThat(part.tokens()).isEqualTo(TokenCounter.IMAGE_BASE_TOKENS + TokenCounter.IMAGE_TILE_TOKENS);
    }

    @Test
    void textThatIsNotAnImageIsRejected() {
        assertThatThrownBy(() -> images.convert("GIF? no".getBytes(StandardCharsets.UTF_8), ImageDetail.HIGH, "photo"))
                .isInstanceOfSatisfying(MediaException.class,
                        e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.NOT_AN_IMAGE));
    }

    @Test
    void textDecodingRecognisesEncodings() {
        String chinese = "会议纪要：下周一上午十点开会。";

        assertThat(TextDecoding.decode(chinese.getBytes(StandardCharsets.UTF_8))).isEqualTo(chinese);
        assertThat(TextDecoding.decode(chinese.getBytes(Charset.forName("GBK")))).isEqualTo(chinese);
        assertThat(TextDecoding.decode(withBom(chinese.getBytes(StandardCharsets.UTF_16LE)))).isEqualTo(chinese);
        assertThat(TextDecoding.decode("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("caf\uFFFD");
    }

    @Test
    void binaryContentLooksBinary() {
        assertThat(TextDecoding.looksBinary(new byte[] {'P', 'K', 3, 4, 0, 0})).isTrue();
        assertThat(TextDecoding.looksBinary("plain text".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(TextDecoding.looksBinary(withBom("hi".getBytes(StandardCharsets.UTF_16LE)))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "VOICE, audio/ogg, null, voice.ogg, audio/ogg",
        "AUDIO, audio/ogg, recording.oga, audio.ogg, audio/ogg",
        "AUDIO, audio/mpeg, song.mp3, audio.mp3, audio/mpeg",
        "AUDIO, audio/x-m4a, null, audio.m4a, audio/mp4",
        "VOICE, audio/ogg, voice-message.ogg, voice.ogg, audio/ogg",
    })
    void audioUploadUsesAcceptedName(Attachment.Kind kind, String type, String fileName, String expectedName,
            String expectedType) {
        Attachment audio = new Attachment(kind, "ref", type, fileName, 10);

        assertThat(AudioUpload.of(audio)).isEqualTo(new AudioUpload(expectedName, expectedType));
    }

    @Test
    void amrAudioHasNoDirectUpload() {
        assertThat(AudioUpload.of(new Attachment(Attachment.Kind.AUDIO, "ref", "audio/amr", "memo.amr", 10))).isNull();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "DOCUMENT, image/png, scan.png, IMAGE",
        "DOCUMENT, application/pdf, null, PDF",
        "DOCUMENT, application/octet-stream, Main.java, TEXT",
        "DOCUMENT, null, Dockerfile, TEXT",
        "DOCUMENT, application/zip, code.zip, UNSUPPORTED",
        "DOCUMENT, video/mp4, clip.mp4, VIDEO",
        "STICKER, image/webp, null, IMAGE",
        "STICKER, video/webm, null, VIDEO",
        "STICKER, application/x-tgsticker, null, UNSUPPORTED",
        "ANIMATION, video/mp4, a.gif.mp4, VIDEO",
    })
    void routeFollowsTypeAndExtension(Attachment.Kind kind, String type, String fileName, MediaRoute expected) {
        assertThat(MediaRoute.of(new Attachment(kind, "ref", type, fileName, 10))).isEqualTo(expected);
    }

    @Test
    void probeSkipsCoverPictures() throws Exception {
        MediaProbe probe = MediaProbe.parse(new ObjectMapper().readTree("""
                {"streams": [{"codec_type": "audio", "duration": "61.2"},
                             {"codec_type": "video", "disposition": {"attached_pic": 1}}],
                 "format": {"duration": "61.250000", "format_name": "mp3"}}"""));

        assertThat(probe).isEqualTo(new MediaProbe(Duration.ofMillis(61_250), false, true));
    }

    @Test
    void textBudgetCutsToTokens() {
        TokenCounter counter = new TokenCounter();
        String text = "one two three four five six seven eight nine ten ".repeat(20);

        String kept = TextBudget.cut(counter, text, 30);

        assertThat(counter.count(kept)).isLessThanOrEqualTo(30).isGreaterThanOrEqualTo(27);
        assertThat(text).startsWith(kept);
        assertThat(TextBudget.cut(counter, "short", 30)).isEqualTo("short");
    }

    @Test
    void pdfWithoutTextLayerIsRejected() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            document.save(bytes);
        }

        assertThatThrownBy(() -> PdfText.extract(bytes.toByteArray(), 1000, "scan.pdf"))
                .isInstanceOfSatisfying(MediaException.class,
                        e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.NO_TEXT_LAYER));
    }

    @Test
    void damagedPdfIsCorrupt() {
        assertThatThrownBy(() -> PdfText.extract("%PDF-1.7\nnot really".getBytes(StandardCharsets.US_ASCII), 1000, "x.pdf"))
                .isInstanceOfSatisfying(MediaException.class,
                        e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.CORRUPT));
    }

    @Test
    void ffmpegDescribesItself() throws Exception {
        assertThat(Ffmpeg.unavailable().describe())
                .isEqualTo("video: unavailable, install ffmpeg (Debian package ffmpeg) to read videos");
        assumeTrue(MediaSamples.ffmpegInstalled(), "ffmpeg is not installed; run scripts/install-tools.sh");

        assertThat(Ffmpeg.locate(MediaSettings.defaults()).describe()).matches("video: ffmpeg \\S+ at /\\S+/ffmpeg");
    }

    @Test
    void videoLongerThanLimitIsRefused() throws Exception {
        assumeTrue(MediaSamples.ffmpegInstalled(), "ffmpeg is not installed; run scripts/install-tools.sh");
        MediaSettings settings = MediaSettings.builder().maxVideoDuration(Duration.ofSeconds(2)).build();
        MediaReader reader = new MediaReader(settings, request -> {
            throw new AssertionError("no transcription expected");
        }, Ffmpeg.locate(settings), new TokenCounter(), java.time.Clock.systemUTC());
        byte[] video = MediaSamples.videoWithSound(directory);
        Attachment attachment = new Attachment(Attachment.Kind.VIDEO, "v", "video/mp4", null, video.length);

        assertThatThrownBy(() -> reader.read(List.of(attachment), (a, max) -> video, 100, call -> { }))
                .isInstanceOfSatisfying(MediaException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MediaException.Reason.TOO_LONG);
                    assertThat(e.actual()).isEqualTo(3);
                    assertThat(e.limit()).isEqualTo(2);
                });
    }

    private static byte[] withBom(byte[] utf16le) {
        byte[] bytes = new byte[utf16le.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(utf16le, 0, bytes, 2, utf16le.length);
        return bytes;
    }
}
