package io.chatbridge.engine;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The author of an inbound message.
 *
 * @param id the platform's user id, or the sending chat's id for anonymous group admins
 * @param displayName a name for logs and prompts; never used for authorization
 * @param bot whether the author is a bot account (bots never trigger an answer)
 * @param languageCode the member's IETF language tag as the platform reports it, such as
 *     {@code zh-hans} or {@code en}, or null when unknown
 */
public record Sender(String id, String displayName, boolean bot, @Nullable String languageCode) {
    public Sender {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
    }
}
