package io.dialgate.genesys;

import io.dialgate.metrics.Metric;
import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance knows about each tenant's standing with Genesys — circuit breaker open, credentials refused,
 * dispatch paused by a daily limit — exposed as gauges and as readiness details (never as readiness itself: one
 * tenant's trouble must not take the pod out of the Service for the others).
 */
@ApplicationScoped
public class TenantConditions {

    private static final Logger LOG = Logger.getLogger(TenantConditions.class);

    private final RedisScripts redis;
    private final Map<String, Condition> conditions = new ConcurrentHashMap<>();

    /** One tenant's flags; volatile because dispatch threads write and the metrics scrape reads. */
    public static final class Condition {
        volatile boolean circuitOpen;
        volatile boolean unauthorized;
        volatile Optional<LoginTrouble> loginTrouble = Optional.empty();
        volatile Instant pausedUntil = Instant.EPOCH;

        public boolean circuitOpen() {
            return circuitOpen;
        }

        public boolean unauthorized() {
            return unauthorized;
        }

        public Instant pausedUntil() {
            return pausedUntil;
        }

        /** Why the token endpoint gave no token at the last try, if it did not. */
        public Optional<LoginTrouble> loginTrouble() {
            return loginTrouble;
        }

        public boolean paused() {
            return pausedUntil.isAfter(Instant.now());
        }
    }

    public TenantConditions(RedisScripts redis, Tenants tenants, MeterRegistry metrics) {
        this.redis = redis;
        for (Tenant tenant : tenants.all()) {
            Condition condition = of(tenant.name());
            Metric.CIRCUIT_OPEN.gauge(metrics, condition, c -> c.circuitOpen ? 1 : 0, tenant.name());
            Metric.TENANT_UNAUTHORIZED.gauge(metrics, condition, c -> c.unauthorized ? 1 : 0, tenant.name());
            for (LoginTrouble trouble : LoginTrouble.values()) {
                Metric.TENANT_LOGIN_TROUBLE.gauge(
                        metrics,
                        condition,
                        c -> c.loginTrouble.filter(trouble::equals).isPresent() ? 1 : 0,
                        tenant.name(),
                        trouble.name().toLowerCase(java.util.Locale.ROOT));
            }
            Metric.TENANT_PAUSED.gauge(metrics, condition, c -> c.paused() ? 1 : 0, tenant.name());
        }
    }

    public Condition of(String tenant) {
        return conditions.computeIfAbsent(tenant, name -> new Condition());
    }

    public Map<String, Condition> all() {
        return Map.copyOf(conditions);
    }

    void circuitState(String tenant, CircuitBreakerState state) {
        of(tenant).circuitOpen = state == CircuitBreakerState.OPEN;
        LOG.warnf("Tenant %s: Genesys circuit breaker %s", tenant, state.name().toLowerCase(java.util.Locale.ROOT));
    }

    void unauthorized(String tenant, boolean refused) {
        Condition condition = of(tenant);
        if (condition.unauthorized != refused) {
            condition.unauthorized = refused;
            if (refused) {
                LOG.errorf(
                        "Tenant %s: Genesys refuses the OAuth client's credentials; writes wait until fixed", tenant);
            }
        }
    }

    void loginTrouble(String tenant, Optional<LoginTrouble> trouble) {
        Condition condition = of(tenant);
        if (!condition.loginTrouble.equals(trouble)) {
            condition.loginTrouble = trouble;
            trouble.ifPresentOrElse(
                    t -> LOG.errorf(
                            "Tenant %s: no OAuth token (%s); writes wait until one is had", tenant, t.description()),
                    () -> LOG.infof("Tenant %s: the login service issues tokens again", tenant));
        }
    }

    /** Pauses the tenant's dispatch on every instance until {@code length} from now (a later end wins). */
    public void pause(Tenant tenant, Duration length, String why) {
        TenantKeys keys = new TenantKeys(tenant.name());
        long until = redis.run(
                        LuaScript.PAUSE_TENANT, keys, List.of(keys.pause()), List.of(Long.toString(length.toMillis())))
                .toLong();
        of(tenant.name()).pausedUntil = Instant.ofEpochMilli(until);
        LOG.warnf("Tenant %s: dispatch paused until %s (%s)", tenant.name(), Instant.ofEpochMilli(until), why);
    }

    /**
     * Records the tenant's pause as Redis holds it, whichever instance started it (the epoch: not paused). Each claim
     * round reports it, so this instance's gauges and readiness details are at most one round behind.
     */
    public void pausedUntil(String tenant, Instant until) {
        of(tenant).pausedUntil = until;
    }
}
