package io.chatbridge.media;

/**
 * The size an image is scaled to before it is sent, so that the model receives no more pixels
 * than it reads at the chosen detail. Images are never enlarged.
 */
record ImageSizing(int width, int height) {

    private static final int HIGH_MAX_SIDE = 2048;
    private static final int HIGH_SHORT_SIDE = 768;
    private static final int LOW_MAX_SIDE = 512;

    /**
     * Returns the target size: at {@code high} and {@code auto} detail the image fits 2048 x 2048
     * and its shorter side is at most 768 pixels; at {@code low} detail it fits 512 x 512. The
     * aspect ratio is kept, with each side rounded and at least 1 pixel.
     */
    static ImageSizing target(int width, int height, ImageDetail detail) {
        double scale = switch (detail) {
            case LOW -> Math.min(1.0, (double) LOW_MAX_SIDE / Math.max(width, height));
            case HIGH, AUTO -> {
                double fitBox = Math.min(1.0, (double) HIGH_MAX_SIDE / Math.max(width, height));
                double shortSide = Math.min(width, height) * fitBox;
                yield fitBox * Math.min(1.0, HIGH_SHORT_SIDE / shortSide);
            }
        };
        if (scale >= 1.0) {
            return new ImageSizing(width, height);
        }
        return new ImageSizing(side(width * scale), side(height * scale));
    }

    private static int side(double scaled) {
        return Math.max(1, (int) Math.round(scaled));
    }
}
