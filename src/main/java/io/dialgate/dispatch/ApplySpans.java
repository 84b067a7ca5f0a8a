package io.dialgate.dispatch;

import io.dialgate.tracing.TraceAttributes;
import io.dialgate.tracing.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The spans of an apply. A write is applied long after its request ended (held during a dial, on whichever pod claims
 * it), so the apply cannot inherit a context from the thread: it is parented to the trace context stored with the
 * contact's first write ({@link ClaimedContact#traceParents()}) and linked to every write's. One trace then shows a
 * write's journey: the CRM request (state HELD), the events request that released it (its own trace, span event
 * {@code dialgate.writes.released}), then {@code dialgate.apply} with {@code dialgate.claim}, the Genesys token, GET and
 * PUT calls (the REST client's spans) and {@code dialgate.complete}.
 */
@ApplicationScoped
class ApplySpans {

    private final Tracer tracer;

    ApplySpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * Starts the apply span of a claimed contact at the start of the claim round that leased it, with the claim (one
     * Redis script for the whole round) as its first child.
     */
    Span start(String tenant, ClaimedContact contact, Instant claimStarted, Instant claimEnded, long nowMillis) {
        List<SpanContext> writes = contact.traceParents().stream()
                .map(TraceParent::spanContext)
                .flatMap(Optional::stream)
                .toList();
        Context parent = writes.isEmpty() ? Context.root() : Context.root().with(Span.wrap(writes.get(0)));
        var builder = tracer.spanBuilder("dialgate.apply")
                .setSpanKind(SpanKind.INTERNAL)
                .setParent(parent)
                .setStartTimestamp(claimStarted)
                .setAttribute(TraceAttributes.TENANT, tenant)
                .setAttribute(TraceAttributes.CONTACT_LIST_ID, contact.contactListId())
                .setAttribute(TraceAttributes.CONTACT_ID, contact.contactId())
                .setAttribute(TraceAttributes.WRITE_IDS, contact.writeIds())
                .setAttribute(TraceAttributes.FAILED_ATTEMPTS, (long) contact.failedAttempts());
        if (contact.pendingSince() > 0) {
            builder.setAttribute(TraceAttributes.WAITED_MS, Math.max(0, nowMillis - contact.pendingSince()));
        }
        writes.forEach(builder::addLink);
        Span apply = builder.startSpan();
        tracer.spanBuilder("dialgate.claim")
                .setParent(Context.root().with(apply))
                .setStartTimestamp(claimStarted)
                .setAttribute(TraceAttributes.TENANT, tenant)
                .startSpan()
                .end(claimEnded);
        return apply;
    }

    /**
     * Starts the span of a bulk apply ({@code dialgate.apply.bulk}): the bulk read and upsert calls (the REST client's
     * spans) are its children, and it links to each contact's apply span, whose trace is its first write's — one
     * request serves many traces, so it belongs to none of them.
     */
    Span startBatch(String tenant, List<Span> contactSpans) {
        var builder = tracer.spanBuilder("dialgate.apply.bulk")
                .setSpanKind(SpanKind.INTERNAL)
                .setNoParent()
                .setAttribute(TraceAttributes.TENANT, tenant)
                .setAttribute(TraceAttributes.BATCH_CONTACTS, (long) contactSpans.size());
        contactSpans.forEach(span -> builder.addLink(span.getSpanContext()));
        return builder.startSpan();
    }

    /** Records an apply's outcome (complete.lua) as a child span of the current apply span. */
    DispatchStore.Completion complete(ApplyOutcome outcome, Supplier<DispatchStore.Completion> completion) {
        Span span = tracer.spanBuilder("dialgate.complete")
                .setAttribute(TraceAttributes.OUTCOME, outcome.kind().name())
                .startSpan();
        try {
            DispatchStore.Completion recorded = completion.get();
            if (recorded == DispatchStore.Completion.LOST) {
                span.setStatus(StatusCode.ERROR, "lease lost: another instance took the contact back");
            }
            return recorded;
        } catch (RuntimeException e) {
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Marks a span failed by the exception's type only: messages may quote what a remote party answered, and nothing
     * of that kind goes into a span.
     */
    static void failed(Span span, RuntimeException e) {
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
    }
}
