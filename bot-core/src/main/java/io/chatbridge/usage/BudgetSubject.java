package io.chatbridge.usage;

import io.chatbridge.engine.Platform;
import java.util.Locale;
import java.util.Objects;

/**
 * Whom a budget or a sum of spending belongs to: one member across all chats, or one chat across
 * all its members.
 *
 * @param kind member or chat
 * @param platform the platform
 * @param id the platform's user id or chat id
 */
public record BudgetSubject(Kind kind, Platform platform, String id) {

    /** Whether a subject is a member or a chat. */
    public enum Kind {
        MEMBER,
        CHAT
    }

    public BudgetSubject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(id, "id");
    }

    /** Returns a member's subject. */
    public static BudgetSubject member(Platform platform, String userId) {
        return new BudgetSubject(Kind.MEMBER, platform, userId);
    }

    /** Returns a chat's subject. */
    public static BudgetSubject chat(Platform platform, String chatId) {
        return new BudgetSubject(Kind.CHAT, platform, chatId);
    }

    /** Returns {@code platform:id}, such as {@code telegram:42}. */
    public String qualifiedId() {
        return QualifiedId.of(platform, id);
    }

    /** Returns the key in the {@code budget_overrides} table, such as {@code member:telegram:42}. */
    String storageId() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + qualifiedId();
    }
}
