package io.dialgate.genesys;

import java.time.Duration;
import java.util.Locale;

/** Test support: puts a tenant's budget where its next call must wait, as busy callers would have left it. */
public final class BudgetTurns {

    private BudgetTurns() {}

    /**
     * The value of the tenant's {@code budget} key (the GCRA's theoretical arrival time, ms) that makes its next call
     * wait {@code wait} from {@code nowMillis} (Redis time), at {@code requestsPerMinute}.
     */
    public static String nextCallWaits(int requestsPerMinute, long nowMillis, Duration wait) {
        RateBudget.Pace pace = RateBudget.Pace.of(requestsPerMinute);
        double tolerance = (pace.burst() - 1) * pace.intervalMillis();
        return String.format(Locale.ROOT, "%.3f", nowMillis + tolerance + wait.toMillis());
    }
}
