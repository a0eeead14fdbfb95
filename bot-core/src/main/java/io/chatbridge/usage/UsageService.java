package io.chatbridge.usage;

import io.chatbridge.storage.Database;
import java.time.Clock;
import java.util.Objects;

/**
 * Usage accounting and limits, built from the {@code usage:} settings over the bot's database:
 * the engine's {@link Gatekeeper}, {@link UsageRecorder}, {@link UsageReporter} and
 * {@link BudgetCommand}, which share one view of what was spent.
 *
 * <p>Open the database with {@link Database.Synchronous#FULL} so that a recorded call also
 * survives a power loss; with {@code NORMAL} it survives only a crash of the process.
 *
 * <p>Thread-safe.
 */
public final class UsageService {

    private final UsageLedger ledger;
    private final PriceTable prices;
    private final UsageGatekeeper gatekeeper;
    private final LedgerRecorder recorder;
    private final UsageReports reports;
    private final BudgetCommandHandler budgetCommand;

    private UsageService(Database database, UsageSettings settings, UsageMessages messages, Clock clock) {
        this.ledger = new UsageLedger(database);
        this.prices = PriceTable.of(settings);
        SpendTracker spending = new SpendTracker(ledger, settings.timeZone());
        BudgetOverrides overrides = new BudgetOverrides(database, settings.currency().code(), clock);
        BudgetPolicy budgets = new BudgetPolicy(settings, overrides, spending);
        MemberNames names = new MemberNames();
        this.gatekeeper = new UsageGatekeeper(settings, budgets, spending, prices, names, messages, clock);
        this.recorder = new LedgerRecorder(spending, prices, names);
        this.reports = new UsageReports(ledger, settings, messages, clock);
        this.budgetCommand = new BudgetCommandHandler(settings, budgets, overrides, messages, clock);
    }

    /**
     * Builds the service and loads the budget overrides that admins set earlier.
     *
     * @param database the bot's database, at schema version {@link UsageLedger#SCHEMA_VERSION} or later
     * @param clock the clock for call admission, day and month boundaries and report periods
     * @throws io.chatbridge.storage.StorageException when the overrides cannot be read
     * @throws IllegalStateException when the usage message bundles are incomplete
     */
    public static UsageService create(Database database, UsageSettings settings, Clock clock) {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        return new UsageService(database, settings, new UsageMessages(), clock);
    }

    /** Returns the access lists, rate limits and budgets, for {@code ChatEngine.Builder#gatekeeper}. */
    public Gatekeeper gatekeeper() {
        return gatekeeper;
    }

    /** Returns the ledger writer, for {@code ChatEngine.Builder#usageRecorder}. */
    public UsageRecorder recorder() {
        return recorder;
    }

    /** Returns the {@code /usage} reports, for {@code ChatEngine.Builder#usageReporter}. */
    public UsageReporter reporter() {
        return reports;
    }

    /** Returns the {@code /budget} command, for {@code ChatEngine.Builder#budgetCommand}. */
    public BudgetCommand budgetCommand() {
        return budgetCommand;
    }

    /** Returns the ledger, for reports outside the chat. */
    public UsageLedger ledger() {
        return ledger;
    }

    /** Returns the prices. */
    public PriceTable prices() {
        return prices;
    }
}
