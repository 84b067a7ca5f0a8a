package io.dialgate.bench;

import io.dialgate.demo.DialEndToApply;
import io.dialgate.demo.GenesysTally;
import io.dialgate.demo.LatencyRecorder;

/**
 * One write path's run on the campaign and write stream.
 *
 * @param label     the row name, e.g. "polling (every 2 s)"
 * @param inDial    writes sent while their contact was in a dial
 * @param givenUp   writes the path itself gave up on (after retries, or after waiting too long)
 * @param settled   false when the path still had writes in hand at the end of the drain time
 */
record ScenarioResult(
        String label,
        GenesysTally tally,
        DialEndToApply.Result dialEnd,
        LatencyRecorder acceptance,
        long inDial,
        int givenUp,
        boolean settled) {}
