package io.dialgate.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The answer to an events request: how many events were taken into the dial state, how many were of topics dialgate
 * does not use, and which elements of a batch could not be understood (by index; the others were stored).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record IngestReport(int accepted, int ignored, List<RejectedEvent> rejected) {

    /** An element of the request that was not stored, and why. */
    @RegisterForReflection
    public record RejectedEvent(int index, String detail) {}
}
