package io.dialgate.dispatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;

/**
 * How one apply ended, in the terms complete.lua records. After Genesys refused a merged PUT for good and the writes
 * were tried group by group, {@code split} names the writes that were decided so; {@code kind} is then the outcome
 * of the writes not decided (none: every write was).
 */
record ApplyOutcome(Kind kind, Duration delay, String errorJson, String metricLabel, Split split) {

    enum Kind {
        /** Genesys took the update. */
        APPLIED,
        /** Refused for good (a 4xx other than 401, 408, 409 and 429): a dead letter. */
        FAILED,
        /** Try again after {@code delay}: 429, 5xx, no answer, or credentials refused. */
        RETRY,
        /** 409: the contact is in use in Genesys; held until {@code delay} passes or its dial ends. */
        BUSY,
        /** Not tried (the tenant's budget, an open breaker, a pause, a shutdown): again after {@code delay}. */
        DEFER
    }

    /** A write Genesys refused on its own, with the refusal (the write's {@code lastError}). */
    record Refused(String writeId, String errorJson) {}

    /** The writes of a split apply that Genesys took and those it refused; both empty when the apply was not split. */
    record Split(List<String> applied, List<Refused> failed) {

        static final Split NONE = new Split(List.of(), List.of());

        Split {
            applied = List.copyOf(applied);
            failed = List.copyOf(failed);
        }

        boolean isSplit() {
            return !applied.isEmpty() || !failed.isEmpty();
        }

        /** complete.lua's {@code split} argument: '' when not split. */
        String toJson() {
            if (!isSplit()) {
                return "";
            }
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            ArrayNode appliedIds = json.putArray("applied");
            applied.forEach(appliedIds::add);
            ArrayNode refused = json.putArray("failed");
            failed.forEach(write -> refused.addArray().add(write.writeId()).add(write.errorJson()));
            return json.toString();
        }
    }

    ApplyOutcome(Kind kind, Duration delay, String errorJson, String metricLabel) {
        this(kind, delay, errorJson, metricLabel, Split.NONE);
    }

    static ApplyOutcome deferred(java.time.Duration delay) {
        return new ApplyOutcome(Kind.DEFER, delay, "", "deferred");
    }

    /**
     * Held until the dial ends (its postContact releases it) or {@code delay} passes, like a 409 but never sent: the
     * contact went into a dial dialgate heard of between its claim and the {@code call}'s turn.
     */
    static ApplyOutcome inADial(String call, Duration delay) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("call", call);
        error.put("message", "the contact went into a dial before its write was sent; held until the dial ends");
        return new ApplyOutcome(Kind.BUSY, delay, error.toString(), "busy");
    }

    static ApplyOutcome applied() {
        return new ApplyOutcome(Kind.APPLIED, Duration.ZERO, "", "applied");
    }

    /** This outcome for the writes a split left undecided, with the split's decisions. */
    ApplyOutcome after(Split decided) {
        return new ApplyOutcome(kind, delay, errorJson, decided.isSplit() ? "split" : metricLabel, decided);
    }
}
