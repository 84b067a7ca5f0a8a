package io.dialgate.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code bench/fair-share}: {@link FairShare} with 4 pods and 50 tenants by default, as a markdown table; with
 * {@code -Dfair.readme=bench/README.md} it also replaces that file's fair-share section.
 *
 * <p>Settings ({@code -Dfair.*}): {@code app} ({@code target/quarkus-app}), {@code instances} (4), {@code tenants}
 * (50), {@code backlog} (2000), {@code writes} (10 per other tenant), {@code workers} (8 per pod), {@code putMillis}
 * (100), {@code label}.
 */
public final class FairShareMain {

    static final String START = "<!-- fair-share:start -->";
    static final String END = "<!-- fair-share:end -->";

    private FairShareMain() {}

    public static void main(String[] args) throws Exception {
        Path app = Path.of(System.getProperty("fair.app", "target/quarkus-app"));
        FairShare.Setup setup = new FairShare.Setup(
                Integer.getInteger("fair.instances", 4),
                Integer.getInteger("fair.tenants", 50),
                Integer.getInteger("fair.backlog", 2000),
                Integer.getInteger("fair.writes", 10),
                Integer.getInteger("fair.workers", 8),
                Duration.ofMillis(Long.getLong("fair.putMillis", 100)));
        String loadBefore = MachineInfo.loadAverage();
        FairShare.Result result = FairShare.run(app, setup, Duration.ofMinutes(10));
        long total =
                result.appliesByInstance().stream().mapToLong(Long::longValue).sum();
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "Build: %s; %d pods × %d tenants, %d apply workers per pod, PUT latency %d ms; tenant t0000 has a "
                        + "backlog of %d writes accepted first, then each of the other %d tenants gets %d writes. "
                        + "Load average before: %s.%n%n",
                System.getProperty("fair.label", "this build"),
                setup.instances(),
                setup.tenants(),
                setup.workers(),
                setup.putLatency().toMillis(),
                setup.backlog(),
                setup.tenants() - 1,
                setup.writesPerTenant(),
                loadBefore));
        text.append("| pod | applies | share |\n|---:|---:|---:|\n");
        for (int i = 0; i < result.appliesByInstance().size(); i++) {
            long applies = result.appliesByInstance().get(i);
            text.append(String.format(
                    Locale.ROOT, "| %d | %d | %.1f %% |%n", i + 1, applies, total == 0 ? 0 : 100.0 * applies / total));
        }
        text.append(String.format(
                Locale.ROOT,
                "%n- the other tenants' %d writes all applied %.1f s after they were sent (the slowest tenant: %.1f s), "
                        + "while the backlog stood at %d of %d applied%n- the backlog all applied after %.1f s%n"
                        + "- load average after: %s%n",
                (setup.tenants() - 1) * setup.writesPerTenant(),
                result.othersDone().toMillis() / 1000.0,
                result.slowestOtherTenant().toMillis() / 1000.0,
                result.backlogAppliedWhenOthersDone(),
                setup.backlog(),
                result.backlogDone().toMillis() / 1000.0,
                MachineInfo.loadAverage()));
        System.out.println(text);
        String readme = System.getProperty("fair.readme");
        if (readme != null) {
            IdleTenantsMain.replaceSection(Path.of(readme), START, END, text.toString());
        }
    }
}
