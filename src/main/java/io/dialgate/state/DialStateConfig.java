package io.dialgate.state;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the dial-state mirror remembers dials ({@code dialgate.state.*}). */
@ConfigMapping(prefix = "dialgate.state")
public interface DialStateConfig {

    /**
     * How long the finished state of a dial is remembered, so a late older event cannot reopen it. Formerly
     * {@code dialgate.dispatch.finished-dial-memory}, which is still honoured.
     */
    @WithDefault("1H")
    Duration finishedDialMemory();
}
