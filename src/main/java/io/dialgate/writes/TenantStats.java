package io.dialgate.writes;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * A tenant's writes by state: waiting to be applied ({@code queued}), held by a dial or a 409 ({@code held}), being
 * applied ({@code inFlight}), failed and kept as dead letters ({@code failed}); the age of the oldest held write; and
 * when dispatch resumes if Genesys paused it; and, while this instance gets no OAuth token for the tenant, why
 * ({@code loginTrouble}: {@code credentials refused by Genesys} or {@code Genesys login unreachable}; null otherwise).
 */
@RegisterForReflection
public record TenantStats(
        long queued,
        long held,
        long inFlight,
        long failed,
        Long oldestHeldSeconds,
        Instant pausedUntil,
        String loginTrouble) {}
