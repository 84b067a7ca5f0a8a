package io.dialgate.faults;

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
        int done = 0;
        for (int i = 0; i < kills && problems.isEmpty(); i++) {
            Thread.sleep(gap);
            int slot = i % 2;
            rig.kill(slot);
            done++;
            try {
                rig.replace(slot);
            } catch (IllegalStateException notReady) {
                // the run goes on with the survivor, so what was accepted is still audited
                problems.add("a replacement instance never became ready: "
                        + notReady.getMessage().lines().findFirst().orElse(""));
            }
        }
        return Injection.of(done + " × kill -9 of 1 of 2 instances", problems);
    }
}
