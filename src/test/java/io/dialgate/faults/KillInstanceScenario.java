package io.dialgate.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Scenario 1: kill -9 of one of two instances while they dispatch, again and again, each replaced by a new process. */
final class KillInstanceScenario implements FaultScenario {

    @Override
    public String name() {
        return "1 kill -9 mid-dispatch";
    }

    @Override
    public FaultRig.Options options() {
        return FaultRig.Options.standard().withInstances(2);
    }

    @Override
    public Injection inject(FaultRig rig) throws Exception {
        int kills = rig.scale().kills();
        long gap = rig.scale().load().toMillis() / (kills + 1);
        List<String> problems = new ArrayList<>();
        List<Duration> startups = new ArrayList<>();
        int done = 0;
        for (int i = 0; i < kills && problems.isEmpty(); i++) {
            Thread.sleep(gap);
            int slot = i % 2;
            rig.kill(slot);
            done++;
            try {
                rig.replace(slot);
                startups.add(rig.instance(slot).startup());
            } catch (IllegalStateException notReady) {
                // the run goes on with the survivor, so what was accepted is still audited
                problems.add("a replacement instance never became ready: "
                        + notReady.getMessage().lines().findFirst().orElse(""));
            }
        }
        return Injection.of(
                String.format("%d × kill -9 of 1 of 2 instances; replacements ready in %s", done, describe(startups)),
                problems);
    }

    /** Start-up to readiness of the replacements: what bounds how fast kills can follow each other. */
    private static String describe(List<Duration> startups) {
        if (startups.isEmpty()) {
            return "(none ready)";
        }
        List<Duration> sorted = startups.stream().sorted().toList();
        return String.format(
                "median %.1f s, max %.1f s",
                sorted.get(sorted.size() / 2).toMillis() / 1000.0,
                sorted.get(sorted.size() - 1).toMillis() / 1000.0);
    }
}
