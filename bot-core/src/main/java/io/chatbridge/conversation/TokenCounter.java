package io.chatbridge.conversation;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.chatbridge.model.ChatMessage;
import io.chatbridge.model.ContentPart;
import io.chatbridge.model.Role;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts prompt tokens the way gpt-4o-mini does ({@code o200k_base}). Thread-safe. All instances
 * share one encoding, loaded on first use.
 *
 * <p>Messages are counted with the recipe of OpenAI's cookbook ({@code num_tokens_from_messages}
 * in "How to count tokens with tiktoken"): each message costs {@value #TOKENS_PER_MESSAGE} tokens
 * of framing plus the tokens of its role name and its content, and a request adds
 * {@value #REPLY_PRIMING_TOKENS} tokens that prime the reply. Image parts cost their
 * {@link ContentPart.Image#tokens()}.
 *
 * <p>Text that spells a special token, such as {@code <|endoftext|>}, is counted as ordinary text
 * (seven tokens for that one), so counting member input never throws.
 */
public final class TokenCounter {

    /** Framing tokens of every message: start, separator and end markers. */
    public static final int TOKENS_PER_MESSAGE = 3;

    /** Tokens that every request adds to start the assistant's reply. */
    public static final int REPLY_PRIMING_TOKENS = 3;

    /** Prompt tokens of any image at {@code low} detail on gpt-4o-mini. */
    public static final int IMAGE_BASE_TOKENS = 2833;

    /** Prompt tokens added per 512-pixel tile at {@code high} detail on gpt-4o-mini. */
    public static final int IMAGE_TILE_TOKENS = 5667;

    private static final int IMAGE_MAX_SIDE = 2048;
    private static final int IMAGE_SHORT_SIDE = 768;
    private static final int IMAGE_TILE_SIDE = 512;

    /** Loads the encoding on first use. The lazy registry reads only this one vocabulary file. */
    private static final class Holder {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        static final Map<Role, Integer> ROLE_TOKENS = roleTokens();

        private static Map<Role, Integer> roleTokens() {
            Map<Role, Integer> tokens = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                tokens.put(role, ENCODING.countTokensOrdinary(role.wireName()));
            }
            return tokens;
        }
    }

    /** Returns the tokens of a piece of text, special-token spellings counted as ordinary text. */
    public int count(String text) {
        return Holder.ENCODING.countTokensOrdinary(text);
    }

    /** Returns the prompt tokens of one message, its per-message overhead and image parts included. */
    public int count(ChatMessage message) {
        int tokens = TOKENS_PER_MESSAGE + Holder.ROLE_TOKENS.get(message.role());
        for (ContentPart part : message.parts()) {
            tokens += switch (part) {
                case ContentPart.Text text -> count(text.text());
                case ContentPart.Image image -> image.tokens();
            };
        }
        return tokens;
    }

    /** Returns the prompt tokens of a whole request's messages, reply priming included. */
    public int count(List<ChatMessage> messages) {
        int tokens = REPLY_PRIMING_TOKENS;
        for (ChatMessage message : messages) {
            tokens += count(message);
        }
        return tokens;
    }

    /**
     * Returns what an image costs gpt-4o-mini in prompt tokens, by OpenAI's published rates for
     * that model. At {@code low} detail every image costs {@value #IMAGE_BASE_TOKENS}. At
     * {@code high} detail the image is scaled down to fit 2048 x 2048, then scaled down until its
     * shorter side is at most 768 pixels, and each 512-pixel tile that covers it adds
     * {@value #IMAGE_TILE_TOKENS}. {@code auto} is counted as {@code high}, the larger cost,
     * because the model picks the detail.
     *
     * <p>NOTE: an image already within those sizes is not enlarged, so 500 x 500 is one tile. The
     * usual wording of the rule ("scaled such that the shortest side is 768px") leaves this open,
     * and the worked examples on OpenAI's developer forum (thread "How do I calculate image tokens in
     * GPT4 Vision") count it this way.
     *
     * @param width the image width in pixels, at least 1
     * @param height the image height in pixels, at least 1
     * @param detail {@code low}, {@code high} or {@code auto}, in any case
     * @throws IllegalArgumentException when a side is below 1 or the detail is another value
     */
    public static int imageTokens(int width, int height, String detail) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException(
                    "image size must be at least 1 x 1 pixels, was " + width + " x " + height);
        }
        return switch (detail.toLowerCase(Locale.ROOT)) {
            case "low" -> IMAGE_BASE_TOKENS;
            case "high", "auto" -> IMAGE_BASE_TOKENS + IMAGE_TILE_TOKENS * highDetailTiles(width, height);
            default -> throw new IllegalArgumentException(
                    "image detail must be low, high or auto, was '" + detail + "'");
        };
    }

    private static int highDetailTiles(int width, int height) {
        long longSide = Math.max(width, height);
        long shortSide = Math.min(width, height);

        if (longSide > IMAGE_MAX_SIDE) {
            shortSide = shortSide * IMAGE_MAX_SIDE / longSide;
            longSide = IMAGE_MAX_SIDE;
        }
        if (shortSide > IMAGE_SHORT_SIDE) {
            longSide = longSide * IMAGE_SHORT_SIDE / shortSide;
            shortSide = IMAGE_SHORT_SIDE;
        }

        // A side scaled below one pixel still needs one tile.
        long tilesAlongLong = Math.max(1, Math.ceilDiv(longSide, IMAGE_TILE_SIDE));
        long tilesAlongShort = Math.max(1, Math.ceilDiv(shortSide, IMAGE_TILE_SIDE));
        return Math.toIntExact(tilesAlongLong * tilesAlongShort);
    }
}
