package io.chatbridge.media;

import io.chatbridge.conversation.TokenCounter;
import io.chatbridge.model.ContentPart;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Decodes images with ImageIO (JPEG, PNG, GIF, BMP, and WebP through the TwelveMonkeys plugin),
 * scales them for the model's detail level, and re-encodes them as {@code data:} URL
 * {@code image_url} parts: JPEG, or PNG when the image has transparent pixels. Thread-safe.
 */
final class ImageConverter {

    /**
     * The maximum pixels decoded at full resolution. Larger images (or decompression bombs that claim
     * huge sizes) are read subsampled, which bounds the memory one image takes to about 100 MB.
     */
    static final long MAX_DECODED_PIXELS = 25_000_000L;

    private static final float JPEG_QUALITY = 0.85f;

    /**
     * Converts an image file to a prompt part.
     *
     * @param bytes the file, not empty
     * @param detail the detail to scale for and send with
     * @param what the file for error messages
     * @throws MediaException {@code NOT_AN_IMAGE} when no decoder recognises the bytes, {@code CORRUPT}
     *     when the recognised decoder fails
     */
    ContentPart.Image convert(byte[] bytes, ImageDetail detail, String what) throws MediaException {
        return encode(decode(bytes, what), detail);
    }

    /** Scales a decoded image for {@code detail} and encodes it as a prompt part. */
    ContentPart.Image encode(BufferedImage image, ImageDetail detail) throws MediaException {
        ImageSizing size = ImageSizing.target(image.getWidth(), image.getHeight(), detail);
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage scaled = scale(image, size.width(), size.height(), alpha);
        boolean transparent = alpha && hasTransparentPixel(scaled);

        String url = transparent
                ? "data:image/png;base64," + base64(png(scaled))
                : "data:image/jpeg;base64," + base64(jpeg(opaque(scaled)));
        int tokens = TokenCounter.imageTokens(scaled.getWidth(), scaled.getHeight(), detail.wireName());
        return new ContentPart.Image(url, detail.wireName(), tokens);
    }

    /**
     * Decodes the first image of a file, subsampled when it has more than {@link #MAX_DECODED_PIXELS}.
     *
     * <p>NOTE: the EXIF orientation of JPEG files is not applied, so a phone photo sent uncompressed
     * as a document may reach the model turned sideways.
     */
    static BufferedImage decode(byte[] bytes, String what) throws MediaException {
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new MediaException(MediaException.Reason.NOT_AN_IMAGE,
                        what + " is not in an image format that ImageIO reads (JPEG, PNG, GIF, BMP, WebP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                return read(reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // Decoders throw IllegalArgumentException and the like on malformed data, not only IOException.
            throw new MediaException(MediaException.Reason.CORRUPT, what + " could not be decoded as an image: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private static BufferedImage read(ImageReader reader) throws IOException {
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        ImageReadParam param = reader.getDefaultReadParam();
        if (pixels > MAX_DECODED_PIXELS) {
            int step = (int) Math.ceil(Math.sqrt((double) pixels / MAX_DECODED_PIXELS));
            param.setSourceSubsampling(step, step, 0, 0);
        }
        BufferedImage image = reader.read(0, param);
        if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
            throw new IOException("the decoder returned no pixels");
        }
        return image;
    }

    /**
     * Scales by halving first and one bilinear step at the end, which keeps thin lines and text
     * readable where a single bilinear step from a large image would skip pixels.
     */
    static BufferedImage scale(BufferedImage source, int width, int height, boolean alpha) {
        BufferedImage current = source;
        int currentWidth = source.getWidth();
        int currentHeight = source.getHeight();
        do {
            int nextWidth = currentWidth / 2 >= width ? currentWidth / 2 : width;
            int nextHeight = currentHeight / 2 >= height ? currentHeight / 2 : height;
            current = draw(current, nextWidth, nextHeight, alpha);
            currentWidth = nextWidth;
            currentHeight = nextHeight;
        } while (currentWidth != width || currentHeight != height);
        return current;
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, boolean alpha) {
        BufferedImage target = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    private static boolean hasTransparentPixel(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) != 0xFF) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns the image without an alpha channel, which the JPEG writer cannot store. */
    private static BufferedImage opaque(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        return draw(image, image.getWidth(), image.getHeight(), false);
    }

    private static byte[] jpeg(BufferedImage image) throws MediaException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new MediaException(MediaException.Reason.CORRUPT, "the image could not be encoded as JPEG", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] png(BufferedImage image) throws MediaException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new MediaException(MediaException.Reason.CORRUPT, "the image could not be encoded as PNG", e);
        }
        return bytes.toByteArray();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
