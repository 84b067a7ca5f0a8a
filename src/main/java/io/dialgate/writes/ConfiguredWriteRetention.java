package io.dialgate.writes;

import io.dialgate.dispatch.WriteRecordRetention;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Hands the dispatcher the retention of the write records it completes (see {@link WriteRecordRetention}). */
@ApplicationScoped
class ConfiguredWriteRetention implements WriteRecordRetention {

    private final Duration retention;

    ConfiguredWriteRetention(WritesConfig config) {
        this.retention = config.retention();
    }

    @Override
    public Duration writeRetention() {
        return retention;
    }
}
