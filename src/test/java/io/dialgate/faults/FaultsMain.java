package io.dialgate.faults;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code faults/run}: every scenario at the full scale (or the in-suite one with {@code -Dfaults.scale=short}), one
 * after the other, then the table. {@code -Dfaults.only=<text>} runs the scenarios whose name contains it;
 * {@code -Dfaults.sizes=load=60,kills=10} changes sizes ({@link FaultScale#with(String)}).
 */
public final class FaultsMain {

    private FaultsMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        FaultScale scale = ("short".equals(System.getProperty("faults.scale"))
                        ? FaultScale.inSuite()
                        : FaultScale.full())
                .with(System.getProperty("faults.sizes", ""));
        out.println("scale: " + scale.describe());
        String only = System.getProperty("faults.only", "");
        List<FaultVerdict> verdicts = new ArrayList<>();
        for (FaultScenario scenario : FaultScenarios.all()) {
            if (!scenario.name().contains(only)) {
                continue;
            }
            out.println("running " + scenario.name() + " ...");
            try {
                verdicts.add(FaultRunner.run(scenario, scale));
            } catch (Exception | AssertionError e) {
                e.printStackTrace();
                verdicts.add(FaultVerdict.didNotComplete(scenario.name(), scale.describeLoad(), e));
            }
            out.println(verdicts.get(verdicts.size() - 1).row());
        }
        out.println();
        out.println(FaultVerdict.header());
        verdicts.forEach(v -> out.println(v.row()));
        System.exit(verdicts.stream().allMatch(FaultVerdict::held) ? 0 : 1);
    }
}
