package io.dialgate.genesys;

import io.dialgate.tenant.Tenant;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one way a Genesys call is made: take a turn from the tenant's shared budget, go through its circuit breaker,
 * call, and act on what the answer says about the tenant's limits — a 429 whose Retry-After exceeds 180 s (Genesys's
 * daily-limit signal) or rate-limit headers saying the budget is spent pause the tenant on every instance.
 */
@ApplicationScoped
public class GenesysCalls {

    static final Duration DAILY_LIMIT_SIGNAL = Duration.ofSeconds(180);

    private final GenesysClients clients;
    private final RateBudget budget;
    private final GenesysBreaker breaker;
    private final TenantConditions conditions;
    private final MeterRegistry metrics;

    public GenesysCalls(GenesysClients clients, RateBudget budget, GenesysBreaker breaker,
            TenantConditions conditions, MeterRegistry metrics) {
        this.clients = clients;
        this.budget = budget;
        this.breaker = breaker;
        this.conditions = conditions;
        this.metrics = metrics;
    }

    /** Makes one call, labelled {@code TOKEN}, {@code GET} or {@code PUT} in {@code dialgate_genesys_calls_total}. */
    GenesysReply send(Tenant tenant, String label, Supplier<Response> call) {
        Optional<Duration> wait = budget.take(tenant);
        if (wait.isPresent()) {
            return GenesysReply.notSent("waiting for the tenant's API budget", wait.get());
        }
        GenesysReply reply = breaker.call(tenant, () -> clients.call(call));
        if (reply.status() != GenesysReply.NOT_SENT) {
            String status = reply.status() == GenesysReply.UNANSWERED ? "none" : Integer.toString(reply.status());
            metrics.counter("dialgate.genesys.calls", "tenant", tenant.name(), "call", label, "status", status)
                    .increment();
        }
        if (reply.status() == 429 && reply.retryAfter().filter(after -> after.compareTo(DAILY_LIMIT_SIGNAL) > 0)
                .isPresent()) {
            conditions.pause(tenant, reply.retryAfter().get(), "429 with Retry-After over 180 s");
        } else if (reply.rateLimit().filter(GenesysReply.RateLimitHeaders::spent).isPresent()) {
            conditions.pause(tenant, reply.rateLimit().get().reset(), "inin-ratelimit headers: budget spent");
        }
        return reply;
    }
}
