package io.dialgate.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.tenant.CallbackSubscription;
import io.dialgate.tenant.Tenant;
import io.dialgate.webhooks.StandardWebhooks;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Sends one callback attempt: the body signed per Standard Webhooks with every secret of the tenant, POSTed without
 * blocking a thread, within the delivery timeout, through the tenant's own circuit breaker (SmallRye Fault Tolerance,
 * as for Genesys: a CRM that keeps failing is left alone for the breaker delay, and its events wait in Redis).
 */
final class CallbackSender {

    private static final TypeLiteral<CompletionStage<AttemptResult>> ASYNC_RESULT = new TypeLiteral<>() {};

    private final HttpClient http;
    private final ObjectMapper json;
    private final CallbacksConfig delivery;
    private final CallbackMetrics metrics;
    private final Map<String, TypedGuard<CompletionStage<AttemptResult>>> guards = new ConcurrentHashMap<>();

    CallbackSender(ObjectMapper json, CallbacksConfig delivery, CallbackMetrics metrics, Executor httpExecutor) {
        this.json = json;
        this.delivery = delivery;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(delivery.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpExecutor)
                .build();
    }

    /** Thrown inside the breaker so it counts a failing answer; carries the reason out again. */
    private static final class CrmFailure extends RuntimeException {
        CrmFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    CompletionStage<AttemptResult> send(Tenant tenant, CallbackSubscription subscription, QueuedCallback event) {
        byte[] body = CallbackBody.of(event, json);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(subscription.url())
                .timeout(delivery.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "dialgate")
                .header("webhook-id", event.id())
                .header("webhook-timestamp", timestamp)
                .header(
                        "webhook-signature",
                        StandardWebhooks.signatureHeader(subscription.secrets(), event.id(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        Supplier<CompletionStage<AttemptResult>> call =
                () -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .thenApply(response -> {
                            if (response.statusCode() / 100 != 2) {
                                throw new CrmFailure("HTTP " + response.statusCode());
                            }
                            return new AttemptResult.Delivered(response.statusCode());
                        });
        CompletionStage<AttemptResult> guarded;
        try {
            guarded = guard(tenant.name()).get(call);
        } catch (RuntimeException e) {
            guarded = CompletableFuture.failedFuture(e);
        }
        return guarded.handle((result, error) -> error == null ? result : resultOf(error));
    }

    private AttemptResult resultOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CircuitBreakerOpenException) {
            return new AttemptResult.NotSent(
                    "circuit breaker open", delivery.breaker().delay());
        }
        if (cause instanceof CrmFailure failure) {
            return new AttemptResult.Failed(failure.getMessage());
        }
        if (cause instanceof HttpTimeoutException) {
            return new AttemptResult.Failed("no answer within the timeout");
        }
        // The class only: an exception message could carry the URL.
        return new AttemptResult.Failed("no answer: " + cause.getClass().getSimpleName());
    }

    private TypedGuard<CompletionStage<AttemptResult>> guard(String tenant) {
        CallbacksConfig.Breaker breaker = delivery.breaker();
        return guards.computeIfAbsent(
                tenant,
                name -> TypedGuard.create(ASYNC_RESULT)
                        .withDescription("callbacks-" + name)
                        .withCircuitBreaker()
                        .name("callbacks-" + name)
                        .requestVolumeThreshold(breaker.requestVolumeThreshold())
                        .failureRatio(breaker.failureRatio())
                        .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                        .successThreshold(breaker.successThreshold())
                        .onStateChange(state -> metrics.breakerOpen(name, state == CircuitBreakerState.OPEN))
                        .done()
                        .withThreadOffload(false)
                        .build());
    }

    Duration breakerDelay() {
        return delivery.breaker().delay();
    }
}
