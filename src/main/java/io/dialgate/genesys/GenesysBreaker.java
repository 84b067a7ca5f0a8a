package io.dialgate.genesys;

import io.dialgate.tenant.Tenant;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A circuit breaker per tenant around every Genesys call (SmallRye Fault Tolerance's programmatic {@link Guard}: the
 * annotation form cannot key a breaker by tenant). 5xx answers and calls without an answer count as failures; when
 * too many fail, calls stop for the breaker's delay and the writes wait in Redis, untouched, instead of hammering a
 * failing Genesys.
 */
@ApplicationScoped
public class GenesysBreaker {

    private final BreakerConfig config;
    private final TenantConditions conditions;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();

    public GenesysBreaker(BreakerConfig config, TenantConditions conditions) {
        this.config = config;
        this.conditions = conditions;
    }

    /** Thrown inside the guard so the breaker counts a failing answer; carries the answer out again. */
    private static final class FailingAnswer extends RuntimeException {
        private final GenesysReply reply;

        FailingAnswer(GenesysReply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }
    }

    /** The call's reply; {@link GenesysReply.NotSent} while the tenant's breaker is open. */
    GenesysReply call(Tenant tenant, Supplier<GenesysReply> call) {
        try {
            return guard(tenant)
                    .get(
                            () -> {
                                GenesysReply reply = call.get();
                                if (reply.genesysFailing()) {
                                    throw new FailingAnswer(reply);
                                }
                                return reply;
                            },
                            GenesysReply.class);
        } catch (FailingAnswer failing) {
            return failing.reply;
        } catch (CircuitBreakerOpenException open) {
            return new GenesysReply.NotSent("circuit breaker open", config.delay());
        }
    }

    private Guard guard(Tenant tenant) {
        return guards.computeIfAbsent(
                tenant.name(),
                name -> Guard.create()
                        .withDescription("genesys-" + name)
                        .withCircuitBreaker()
                        .name("genesys-" + name)
                        .failOn(FailingAnswer.class)
                        .requestVolumeThreshold(config.requestVolumeThreshold())
                        .failureRatio(config.failureRatio())
                        .delay(config.delay().toMillis(), ChronoUnit.MILLIS)
                        .successThreshold(config.successThreshold())
                        .onStateChange(state -> conditions.circuitState(name, state))
                        .done()
                        .build());
    }
}
