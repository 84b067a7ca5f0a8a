package io.dialgate.genesys;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;
import java.util.TreeMap;

/**
 * Each tenant's standing with Genesys as readiness details: always UP, because a tenant that is paused, unauthorised
 * or behind an open breaker is no reason to take the pod out of the Service for the others; the details show why its
 * writes wait. Readiness itself follows Redis (the Redis client's own check).
 */
@Readiness
@ApplicationScoped
public class TenantConditionsCheck implements HealthCheck {

    private final TenantConditions conditions;

    public TenantConditionsCheck(TenantConditions conditions) {
        this.conditions = conditions;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("dialgate tenants").up();
        for (Map.Entry<String, TenantConditions.Condition> entry : new TreeMap<>(conditions.all()).entrySet()) {
            TenantConditions.Condition condition = entry.getValue();
            String state = condition.paused()
                    ? "paused until " + condition.pausedUntil()
                    : condition.loginTrouble().isPresent()
                            ? condition.loginTrouble().get().description()
                            : condition.unauthorized()
                                    ? "credentials refused by Genesys"
                                    : condition.circuitOpen() ? "circuit breaker open" : "ok";
            response.withData(entry.getKey(), state);
        }
        return response.build();
    }
}
