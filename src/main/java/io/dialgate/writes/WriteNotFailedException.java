package io.dialgate.writes;

import io.dialgate.failure.DomainException;
import io.dialgate.failure.FailureKind;

/** A retry asked for a write that is not a dead letter: only failed writes go back into the pipeline. */
public class WriteNotFailedException extends DomainException {

    WriteNotFailedException(String writeId) {
        super(FailureKind.CONFLICT, "Write " + writeId + " has not failed; only failed writes can be retried.");
    }
}
