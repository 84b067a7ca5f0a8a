package io.dialgate.bench;

import java.util.List;

/**
 * The three steps of {@code bench/capacity} on a running dialgate: calibrate the unit costs on one tenant, run the
 * check on others, and set the model's prediction (from the calibration alone) beside what the check measured.
 */
final class CapacityRun {

    /** Everything a run found, and its tables as markdown. */
    record Outcome(
            CapacityCosts costs,
            CapacityCosts before,
            CapacityCosts after,
            CapacityCheck.Result check,
            List<CapacityReport.Comparison> comparisons,
            String table) {

        boolean passed() {
            return comparisons.stream().allMatch(CapacityReport.Comparison::within);
        }
    }

    private CapacityRun() {}

    static Outcome run(
            CapacitySettings settings,
            CapacityProbe probe,
            GateTarget warmUp,
            GateTarget calibration,
            GateTarget recalibration,
            List<GateTarget> check,
            int tenantsConfigured)
            throws Exception {
        String loadAtStart = MachineInfo.loadAverage();
        String busyAtStart = MachineInfo.otherBusyProcesses(1000);
        List<Double> warmUpRounds = CapacityCalibration.warmUp(settings, probe, warmUp);
        CapacityCosts before = CapacityCalibration.run(settings, probe, calibration, tenantsConfigured);
        CapacityCheck.Result result = CapacityCheck.run(settings, probe, check, tenantsConfigured);
        CapacityCosts after = CapacityCalibration.run(settings, probe, recalibration, tenantsConfigured);
        CapacityCosts costs = CapacityCosts.mean(before, after);
        CapacityModel.Prediction prediction = CapacityModel.predict(costs, result.workload(), result.keyspaceBefore());
        List<CapacityReport.Comparison> comparisons = CapacityReport.compare(prediction, result);
        String machine = MachineInfo.describe()
                + "\n- load average at the start: " + loadAtStart + "; at the end: " + MachineInfo.loadAverage()
                + "\n- other processes using CPU at the start: " + busyAtStart
                + "\n- `uptime` at the end: " + uptime()
                + "\n- warm-up: dialgate CPU per request in each round: "
                + warmUpRounds.stream()
                        .map(us -> String.format(java.util.Locale.ROOT, "%.0f µs", us))
                        .collect(java.util.stream.Collectors.joining(", "));
        String redisVersion = redisVersion(probe);
        String table = CapacityReport.render(
                machine, redisVersion, costs, before, after, result, comparisons, settings.profile());
        return new Outcome(costs, before, after, result, comparisons, table);
    }

    private static String redisVersion(CapacityProbe probe) {
        for (String line : String.valueOf(probe.redis().call("INFO", "server")).split("\r\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length());
            }
        }
        return "unknown";
    }

    private static String uptime() {
        return ExternalTool.find("uptime")
                .map(tool -> {
                    try {
                        return tool.run(5).trim();
                    } catch (Exception e) {
                        return "n/a";
                    }
                })
                .orElse("n/a");
    }
}
