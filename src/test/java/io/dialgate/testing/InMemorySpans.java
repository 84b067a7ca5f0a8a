package io.dialgate.testing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Test-only: the spans of the {@code @QuarkusTest} application, kept in memory (as Quarkus's own OpenTelemetry tests
 * do). A SpanExporter bean also takes the OTLP exporter's place, so no test tries to reach a collector. Spans are only
 * recorded under a profile that samples them ({@code quarkus.otel.traces.sampler.arg}; 0 in the shared test profile).
 */
@ApplicationScoped
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }
}
