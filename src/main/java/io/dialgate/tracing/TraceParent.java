package io.dialgate.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}) kept in Redis beside a write, so the apply that
 * happens later — after a hold, on whichever pod claims it — joins the trace of the request that brought the write.
 * Only the trace and span ids and the sampled flag are kept: never a header value or anything else of the request.
 */
public record TraceParent(String value) {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final String HEADER = "traceparent";

    /** The current span's context as a traceparent; empty when there is no valid span (tracing off). */
    public static Optional<TraceParent> current() {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return Optional.empty();
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return Optional.ofNullable(carrier.get(HEADER)).map(TraceParent::new);
    }

    /** The span context this traceparent names, as a remote parent or link; empty when it is not a valid one. */
    public Optional<SpanContext> spanContext() {
        Context extracted = W3C.extract(Context.root(), value, SingleHeader.INSTANCE);
        SpanContext context = Span.fromContext(extracted).getSpanContext();
        return context.isValid() ? Optional.of(context) : Optional.empty();
    }

    /** Reads the one traceparent value as the propagator asks for headers. */
    private enum SingleHeader implements TextMapGetter<String> {
        INSTANCE;

        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    }
}
