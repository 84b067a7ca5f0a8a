package io.dialgate.redis;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The errors with which a Redis that is up refuses writes for a while: the same request succeeds once the cause
 * passes, so they are answered as "unavailable" (503 + Retry-After), not as a failure of dialgate.
 */
enum StoreRefusal {
    /** maxmemory reached with the noeviction policy. */
    OOM,
    /** A replica: after a fail-over, the old primary behind the same DNS name. */
    READONLY,
    /** A script or function runs past busy-reply-threshold. */
    BUSY,
    /** Loading its dataset (RDB or AOF) after a restart. */
    LOADING,
    /** A replica whose primary is down, with replica-serve-stale-data off. */
    MASTERDOWN,
    /** Redis Cluster: slots not served. */
    CLUSTERDOWN,
    /** Redis Cluster: keys of a slot being migrated. */
    TRYAGAIN,
    /** min-replicas-to-write not met. */
    NOREPLICAS;

    /**
     * An error's code is its first word; Redis before 7 reports an error inside a script as
     * {@code ERR Error running script (...): @user_script:12: -OOM command not allowed ...}, so a code after ": -" counts.
     */
    private static final Pattern CODE = Pattern.compile("(?:^|: -)([A-Z]+)\\b");

    /** The refusal a Redis error message carries (its error code), if it is one of these. */
    static Optional<StoreRefusal> of(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher code = CODE.matcher(message.strip());
        while (code.find()) {
            String name = code.group(1);
            Optional<StoreRefusal> refusal =
                    Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst();
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }
}
