package io.chatbridge.storage;

import java.util.List;

/**
 * The ordered schema of ChatBridge's database: one {@link Migration} per version, version 1 first.
 *
 * <p>One file contains every feature's tables, so all features share this one numbered sequence. To
 * add tables or columns, append a {@code Migration} with the next version number to {@link #ALL}
 * and leave the earlier entries unchanged, because databases already at those versions never run
 * them again. A migration cannot be undone: {@link Database#open} rejects a file whose version is
 * above the newest one listed here.
 */
public final class Migrations {

    /** Version 1: conversation turns and per-chat settings. */
    static final Migration CONVERSATIONS = new Migration(1, "conversation turns and per-chat settings", List.of(
            """
            CREATE TABLE turns (
                conversation TEXT    NOT NULL,
                seq          INTEGER NOT NULL,
                role         TEXT    NOT NULL,
                text         TEXT    NOT NULL,
                images       TEXT    NOT NULL DEFAULT '[]',
                tokens       INTEGER NOT NULL,
                created_at   INTEGER NOT NULL,
                status       TEXT    NOT NULL,
                PRIMARY KEY (conversation, seq)
            )""",
            """
            CREATE TABLE chat_settings (
                chat           TEXT PRIMARY KEY,
                system_prompt  TEXT,
                scope          TEXT,
                trigger_prefix TEXT,
                model          TEXT,
                temperature    REAL,
                language       TEXT,
                updated_at     INTEGER
            )"""));

    /**
     * Version 2: the usage ledger, one row per model call, and budget overrides set by admins.
     *
     * <p>Costs are integers in pico-US-dollars (10<sup>-12</sup> USD), so that a price per
     * million tokens with up to six decimal places gives an exact cost per call and SQL sums
     * stay exact. Times are epoch milliseconds in UTC. Budget amounts are exact decimal text in
     * the display currency named in the row, or NULL for no limit.
     */
    static final Migration USAGE = new Migration(2, "usage ledger and budget overrides", List.of(
            """
            CREATE TABLE usage_ledger (
                id                   INTEGER PRIMARY KEY,
                started_at           INTEGER NOT NULL,
                platform             TEXT    NOT NULL,
                chat_id              TEXT    NOT NULL,
                thread_id            TEXT,
                user_id              TEXT    NOT NULL,
                user_name            TEXT,
                model                TEXT    NOT NULL,
                upstream             TEXT    NOT NULL,
                prompt_tokens        INTEGER NOT NULL,
                cached_prompt_tokens INTEGER NOT NULL,
                completion_tokens    INTEGER NOT NULL,
                cost_pusd            INTEGER NOT NULL,
                estimated            INTEGER NOT NULL,
                ttft_ms              INTEGER,
                total_ms             INTEGER NOT NULL,
                outcome              TEXT    NOT NULL,
                error_kind           TEXT
            )""",
            "CREATE INDEX usage_ledger_time ON usage_ledger (started_at)",
            "CREATE INDEX usage_ledger_user ON usage_ledger (platform, user_id, started_at)",
            "CREATE INDEX usage_ledger_chat ON usage_ledger (platform, chat_id, started_at)",
            """
            CREATE TABLE budget_overrides (
                subject    TEXT    NOT NULL,
                period     TEXT    NOT NULL,
                amount     TEXT,
                currency   TEXT    NOT NULL,
                updated_at INTEGER NOT NULL,
                updated_by TEXT    NOT NULL,
                PRIMARY KEY (subject, period)
            )"""));


    /**
     * Version 3: the platform messages the bot has received, so that a message delivered again
     * (after a restart, or a repeated webhook call) is answered once.
     */
    static final Migration INBOUND_MESSAGES = new Migration(3, "received platform messages", List.of(
            """
            CREATE TABLE inbound_messages (
                platform    TEXT    NOT NULL,
                chat_id     TEXT    NOT NULL,
                message_id  TEXT    NOT NULL,
                state       TEXT    NOT NULL,
                run_id      TEXT    NOT NULL,
                received_at INTEGER NOT NULL,
                PRIMARY KEY (platform, chat_id, message_id)
            )""",
            "CREATE INDEX inbound_messages_by_time ON inbound_messages (received_at)"));

    /** Every migration, in version order. Append new ones at the end. */
    private static final List<Migration> ALL = List.of(CONVERSATIONS, USAGE, INBOUND_MESSAGES);

    private Migrations() {}

    /** Returns every migration, in version order. The last one's version is the current schema. */
    public static List<Migration> all() {
        return ALL;
    }

    /**
     * Checks that migrations are numbered 1, 2, 3 ... in order without gaps.
     *
     * @throws IllegalArgumentException naming the first migration out of place
     */
    public static void validate(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            int expected = i + 1;
            int actual = migrations.get(i).version();
            if (actual != expected) {
                throw new IllegalArgumentException("migration at position " + expected + " has version " + actual
                        + ", but versions must run 1, 2, 3 ... in order. Renumber it to " + expected);
            }
        }
    }
}
