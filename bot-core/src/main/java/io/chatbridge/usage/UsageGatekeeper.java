package io.chatbridge.usage;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.i18n.MessageKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Gatekeeper} of the usage settings: access lists, answers in progress per member,
 * budgets and the per-member rate limit, checked in that order when a call is about to start.
 *
 * <p>A refusal carries what the member is told and when to try again: {@link MessageKey#LIMIT_RATE}
 * with the seconds to wait (a {@link Long}), {@link MessageKey#LIMIT_IN_FLIGHT} (after the answer
 * in progress) and {@link MessageKey#LIMIT_BUDGET} with the budget's name in the member's language
 * and what is left of it, formatted in the display currency. A refused call takes nothing from the
 * rate limit or the budget.
 *
 * <p>Admins pass the user access lists and budgets, but not chat access lists or rate limits. The
 * global cap on calls in flight is the engine's ({@link RateLimits#maxConcurrentCalls()}), which
 * queues calls rather than refusing them.
 *
 * <p>Thread-safe: admissions and releases run one at a time under this object's lock, which may
 * read the ledger the first time a member's or chat's spending is needed.
 */
public final class UsageGatekeeper implements Gatekeeper {

    private static final Logger log = LoggerFactory.getLogger(UsageGatekeeper.class);

    private final UsageSettings settings;
    private final AccessPolicy access;
    private final BudgetPolicy budgets;
    private final SpendTracker spending;
    private final PriceTable prices;
    private final RateLimiter rates;
    private final MemberNames names;
    private final UsageMessages messages;
    private final Clock clock;
    private final Map<BudgetSubject, Integer> inFlight = new HashMap<>();

    UsageGatekeeper(UsageSettings settings, BudgetPolicy budgets, SpendTracker spending, PriceTable prices,
            MemberNames names, UsageMessages messages, Clock clock) {
        this.settings = settings;
        this.access = new AccessPolicy(settings.access());
        this.budgets = budgets;
        this.spending = spending;
        this.prices = prices;
        this.rates = new RateLimiter(settings.rateLimits());
        this.names = names;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public boolean allows(InboundMessage message, boolean admin) {
        return access.allows(message, admin);
    }

    @Override
    public synchronized Admission admit(AdmissionRequest request) {
        InboundMessage message = request.message();
        BudgetSubject member = BudgetSubject.member(message.platform(), message.sender().id());
        BudgetSubject chat = BudgetSubject.chat(message.platform(), message.chatId());
        Instant now = clock.instant();
        names.remember(member, message.sender().displayName());

        if (inFlight.getOrDefault(member, 0) >= settings.rateLimits().maxInFlightPerMember()) {
            return new Admission.Refused(MessageKey.LIMIT_IN_FLIGHT, List.of());
        }

        long estimate = prices.estimatePicoUsd(request.model(), request.promptTokens(), request.maxOutputTokens());
        if (!request.admin()) {
            boolean guest = settings.isGuest(message.platform(), message.sender().id(), false);
            BudgetPolicy.Exceeded exceeded = budgets.check(member, guest, chat, estimate, now);
            if (exceeded != null) {
                log.info("Call by {} in {} refused: estimated at {} pico-USD, it would pass the {} budget of {},"
                        + " which has {} {} left", member.qualifiedId(), chat.qualifiedId(), estimate,
                        exceeded.period().id(), exceeded.subject().qualifiedId(), exceeded.left().toPlainString(),
                        settings.currency().code());
                return refusedByBudget(exceeded, request);
            }
        }

        Duration wait = rates.tryAcquire(member, now);
        if (wait != null) {
            return new Admission.Refused(MessageKey.LIMIT_RATE, List.of(retrySeconds(wait)));
        }

        List<BudgetSubject> subjects = List.of(member, chat);
        spending.reserve(subjects, estimate);
        inFlight.merge(member, 1, Integer::sum);
        AtomicBoolean released = new AtomicBoolean();
        return new Admission.Granted(() -> {
            if (released.compareAndSet(false, true)) {
                release(member, subjects, estimate);
            }
        });
    }

    private synchronized void release(BudgetSubject member, List<BudgetSubject> subjects, long estimate) {
        spending.release(subjects, estimate);
        inFlight.computeIfPresent(member, (key, count) -> count > 1 ? count - 1 : null);
    }

    private Admission refusedByBudget(BudgetPolicy.Exceeded exceeded, AdmissionRequest request) {
        String name = messages.budgetName(request.language(), exceeded.subject().kind(), exceeded.guest(),
                exceeded.period());
        String left = settings.currency().format(exceeded.left());
        return new Admission.Refused(MessageKey.LIMIT_BUDGET, List.of(name, left));
    }

    /** Rounds a wait up to whole seconds, at least 1, so that trying again then succeeds. */
    static long retrySeconds(Duration wait) {
        long seconds = wait.toSeconds();
        return wait.equals(Duration.ofSeconds(seconds)) ? Math.max(1, seconds) : seconds + 1;
    }
}
