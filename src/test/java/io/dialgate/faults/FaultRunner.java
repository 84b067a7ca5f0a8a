package io.dialgate.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs one scenario on a fresh rig under the steady load and judges the outcome: the one way every scenario runs. */
final class FaultRunner {

    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(90);

    private FaultRunner() {}

    static FaultVerdict run(FaultScenario scenario, FaultScale scale) throws Exception {
        try (FaultRig rig = new FaultRig(scenario.options(), scale)) {
            long start = System.nanoTime();
            rig.startLoad();
            FaultScenario.Injection injection = scenario.inject(rig);
            Optional<Duration> recovery = Recovery.measure(rig, RECOVERY_LIMIT);
            long rest = scale.load().toNanos() - (System.nanoTime() - start);
            if (rest > 0) {
                Thread.sleep(rest / 1_000_000);
            }
            rig.stopLoad();
            WriteAudit.Result audit = WriteAudit.audit(rig, injection.allowedLoss());
            List<String> problems = new ArrayList<>(injection.problems());
            if (recovery.isEmpty()) {
                problems.add(
                        "not ready with a write applied within " + RECOVERY_LIMIT.toSeconds() + " s of the last fault");
            }
            problems.addAll(audit.problems());
            problems.addAll(SecretsScan.problems(rig));
            return new FaultVerdict(
                    scenario.name(),
                    scale.describeLoad(),
                    injection.faults(),
                    audit.accepted(),
                    audit.applied(),
                    audit.failed(),
                    audit.lost(),
                    injection.allowedLoss(),
                    audit.staleOverwrites(),
                    audit.putsDuringDial(),
                    audit.learnedMidApply(),
                    audit.racedDials(),
                    recovery,
                    problems);
        }
    }
}
