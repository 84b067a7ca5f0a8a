package io.dialgate.faults;

import java.util.List;

/** One fault scenario of issue 10: the rig it needs and the faults it injects while the steady load runs. */
interface FaultScenario {

    /** What the scenario injected, and what it saw broken on the way (beyond what the end-of-run audit checks). */
    record Injection(String faults, List<String> problems, long allowedLoss) {

        public Injection {
            problems = List.copyOf(problems);
        }

        static Injection of(String faults, List<String> problems) {
            return new Injection(faults, problems, 0);
        }
    }

    String name();

    FaultRig.Options options();

    /** Injects the faults while the load runs; returns when the last fault has ended. */
    Injection inject(FaultRig rig) throws Exception;
}
