package io.chatbridge.media;

import java.util.Locale;

/**
 * The {@code detail} of an {@code image_url} part, which sets how closely the model looks at an
 * image and what it costs.
 */
public enum ImageDetail {
    /** One 512 x 512 view of the image; images are scaled to fit 512 x 512 before sending. */
    LOW,
    /**
     * 512-pixel tiles of the image; images are scaled to fit 2048 x 2048 and then to a shorter
     * side of at most 768 pixels before sending.
     */
    HIGH,
    /** The model chooses; images are scaled as for {@link #HIGH} and counted at its cost. */
    AUTO;

    /** Returns the API spelling: {@code low}, {@code high} or {@code auto}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code low}, {@code high} or {@code auto} in any case.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static ImageDetail parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "low" -> LOW;
            case "high" -> HIGH;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException("image detail must be low, high or auto, was '" + value + "'");
        };
    }
}
