package io.dialgate.dispatch;

import java.time.Duration;

/**
 * How long write status records are kept. The dispatcher drops dead letters older than that when it records a
 * failure, so the dead-letter list never names an expired record. The writes feature owns the records and their
 * configuration ({@code dialgate.writes.retention}) and provides this; declared here so dispatch need not depend on
 * writes (which depends on dispatch for wake-ups).
 */
public interface WriteRecordRetention {

    Duration writeRetention();
}
