package io.dialgate.writes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer to an accepted write. */
@RegisterForReflection
public record AcceptedWrite(String writeId, WriteState state) {}
