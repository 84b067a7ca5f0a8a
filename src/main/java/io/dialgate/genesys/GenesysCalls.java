package io.dialgate.genesys;

import io.dialgate.metrics.CounterFamily;
import io.dialgate.metrics.Metric;
import io.dialgate.tenant.Tenant;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one way a Genesys call is made: take a turn from the tenant's shared budget, go through its circuit breaker,
 * call, and act on what the answer says about the tenant's limits — Genesys's daily-limit signal
 * ({@link GenesysReply.Answered#dailyLimitPause()}) or rate-limit headers saying the budget is spent pause the tenant on
 * every instance.
 */
@ApplicationScoped
public class GenesysCalls {

    private final GenesysClients clients;
    private final RateBudget budget;
    private final GenesysBreaker breaker;
    private final TenantConditions conditions;
    private final CounterFamily calls;

    public GenesysCalls(
            GenesysClients clients,
            RateBudget budget,
            GenesysBreaker breaker,
            TenantConditions conditions,
            MeterRegistry metrics) {
        this.clients = clients;
        this.budget = budget;
        this.breaker = breaker;
        this.conditions = conditions;
        this.calls = Metric.GENESYS_CALLS.counters(metrics);
    }

    /**
     * Makes one call, labelled {@code TOKEN}, {@code GET}, {@code PUT}, {@code BULK_READ} or {@code UPSERT} (or a
     * platform call's label) in {@code dialgate_genesys_calls_total}.
     */
    GenesysReply send(Tenant tenant, String label, Supplier<Response> call) {
        return sendWhenDue(tenant, label, () -> Optional.of(call));
    }

    /**
     * Makes one call whose request is settled only when its turn has come: {@code due} is asked after the budget's
     * wait (up to {@link RateBudget#LONGEST_WAIT}) and just before the breaker and the request, so what it looks at is
     * as fresh as can be. Empty: nothing is left to send; no call is made ({@link GenesysReply.NotSent}, no delay).
     */
    GenesysReply sendWhenDue(Tenant tenant, String label, Supplier<Optional<Supplier<Response>>> due) {
        Optional<Duration> wait = budget.take(tenant);
        if (wait.isPresent()) {
            return new GenesysReply.NotSent("waiting for the tenant's API budget", wait.get());
        }
        Optional<Supplier<Response>> call = due.get();
        if (call.isEmpty()) {
            return new GenesysReply.NotSent("nothing left to send when the call's turn came", Duration.ZERO);
        }
        GenesysReply reply = breaker.call(tenant, () -> clients.call(call.get()));
        if (reply instanceof GenesysReply.Answered answered) {
            calls.with(tenant.name(), label, Integer.toString(answered.status()))
                    .increment();
            pauseOnLimits(tenant, answered);
        } else if (reply instanceof GenesysReply.Unanswered) {
            calls.with(tenant.name(), label, "none").increment();
        }
        return reply;
    }

    private void pauseOnLimits(Tenant tenant, GenesysReply.Answered answered) {
        Optional<Duration> dailyLimit = answered.dailyLimitPause();
        if (dailyLimit.isPresent()) {
            conditions.pause(
                    tenant,
                    dailyLimit.get(),
                    "429 with Retry-After over " + GenesysReply.DAILY_LIMIT_SIGNAL.toSeconds() + " s");
        } else if (answered.rateLimit()
                .filter(GenesysReply.RateLimitHeaders::spent)
                .isPresent()) {
            conditions.pause(tenant, answered.rateLimit().get().reset(), "inin-ratelimit headers: budget spent");
        }
    }
}
