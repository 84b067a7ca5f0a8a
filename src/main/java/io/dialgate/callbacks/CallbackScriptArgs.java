package io.dialgate.callbacks;

import io.dialgate.tenant.CallbackSubscription;
import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The two arguments with which the scripts that make an outcome true (complete.lua, apply-event.lua, claim.lua) queue
 * its callback in the same step (callbacks.lua): the tenant's subscription as {@code ,type,type,} ({@code ''} when it
 * has none) and the safety expiry of a queued event.
 */
@ApplicationScoped
public class CallbackScriptArgs {

    /** The arguments for a tenant without callbacks: the scripts queue nothing. */
    public static final List<String> NONE = List.of("", "0");

    /** Room beyond the retry window and the longest backoff before a queued event's record may expire. */
    private static final Duration SLACK = Duration.ofHours(1);

    private final CallbacksConfig delivery;

    public CallbackScriptArgs(CallbacksConfig delivery) {
        this.delivery = delivery;
    }

    public List<String> of(Tenant tenant) {
        return tenant.callbacks()
                .map(subscription -> List.of(
                        types(subscription),
                        Long.toString(safetyTtl(subscription).toMillis())))
                .orElse(NONE);
    }

    Duration safetyTtl(CallbackSubscription subscription) {
        return subscription
                .retryFor()
                .plus(delivery.backoffCap())
                .plus(delivery.lease())
                .plus(SLACK);
    }

    private static String types(CallbackSubscription subscription) {
        return subscription.events().stream()
                .map(CallbackSubscription.EventType::wireName)
                .sorted()
                .collect(Collectors.joining(",", ",", ","));
    }
}
