package io.chatbridge.usage;

import io.chatbridge.storage.Database;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Budget limits set by admins at run time, kept in the {@code budget_overrides} table and held in
 * memory, because every admission reads them and there are few.
 *
 * <p>Amounts are stored as exact decimal text together with the display currency they were set
 * in. An override set in another currency than the configured one is ignored with a warning at
 * start, because converting it would need the old rate.
 *
 * <p>Thread-safe. Every method that writes throws {@link io.chatbridge.storage.StorageException}
 * when the database fails, and then leaves the override in memory as it was.
 */
final class BudgetOverrides {

    private static final Logger log = LoggerFactory.getLogger(BudgetOverrides.class);

    private record Key(String subject, Period period) {}

    private final Database database;
    private final String currency;
    private final Clock clock;
    private final Map<Key, BudgetOverride> overrides = new ConcurrentHashMap<>();

    /**
     * Loads the overrides from the database.
     *
     * @param currency the configured display currency code
     * @param clock the clock for the {@code updated_at} column
     */
    BudgetOverrides(Database database, String currency, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.clock = Objects.requireNonNull(clock, "clock");
        overrides.putAll(load());
    }

    /** Returns the override for a subject and period, if an admin set one. */
    Optional<BudgetOverride> find(BudgetSubject subject, Period period) {
        return Optional.ofNullable(overrides.get(new Key(subject.storageId(), period)));
    }

    /**
     * Sets and persists an override.
     *
     * @param limit the limit in the display currency, or null for no limit
     * @param setBy the platform-qualified id of the admin who set it, for the record
     */
    synchronized void set(BudgetSubject subject, Period period, @Nullable BigDecimal limit, String setBy) {
        BudgetOverride override = new BudgetOverride(limit);
        database.write("save the " + period.id() + " budget of " + subject.storageId(), connection -> {
            String sql = """
                    INSERT INTO budget_overrides (subject, period, amount, currency, updated_at, updated_by)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (subject, period) DO UPDATE SET amount = excluded.amount,
                        currency = excluded.currency, updated_at = excluded.updated_at,
                        updated_by = excluded.updated_by""";
            try (PreparedStatement upsert = connection.prepareStatement(sql)) {
                upsert.setString(1, subject.storageId());
                upsert.setString(2, period.id());
                upsert.setString(3, limit == null ? null : limit.toPlainString());
                upsert.setString(4, currency);
                upsert.setLong(5, clock.millis());
                upsert.setString(6, setBy);
                upsert.executeUpdate();
            }
        });
        overrides.put(new Key(subject.storageId(), period), override);
    }

    /** Removes an override, so the configured budget applies again. Returns whether there was one. */
    synchronized boolean remove(BudgetSubject subject, Period period) {
        boolean removed = database.writeAndGet("remove the " + period.id() + " budget of " + subject.storageId(),
                connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM budget_overrides WHERE subject = ? AND period = ?")) {
                delete.setString(1, subject.storageId());
                delete.setString(2, period.id());
                return delete.executeUpdate() > 0;
            }
        });
        overrides.remove(new Key(subject.storageId(), period));
        return removed;
    }

    private Map<Key, BudgetOverride> load() {
        return database.read("load the budget overrides", connection -> {
            Map<Key, BudgetOverride> loaded = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT subject, period, amount, currency FROM budget_overrides");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String subject = rows.getString(1);
                    String amount = rows.getString(3);
                    String storedCurrency = rows.getString(4);
                    if (!storedCurrency.equals(currency)) {
                        log.warn("Ignoring the {} budget of {}: it was set in {}, but the display currency is now {}."
                                + " Set it again with /budget", rows.getString(2), subject, storedCurrency, currency);
                        continue;
                    }
                    Period period = Period.parse(rows.getString(2));
                    loaded.put(new Key(subject, period), new BudgetOverride(amount == null ? null : new BigDecimal(amount)));
                }
            }
            return loaded;
        });
    }
}
