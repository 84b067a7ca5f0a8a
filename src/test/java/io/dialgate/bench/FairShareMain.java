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
 * (100), {@code budgetPerMinute} (120, t0001's Genesys budget), {@code budgetWrites} (60, t0001's writes),
 * {@code pauseSeconds} (20, how long t0002 is paused by a 429), {@code label}.
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
                Duration.ofMillis(Long.getLong("fair.putMillis", 100)),
                Integer.getInteger("fair.budgetPerMinute", 120),
                Integer.getInteger("fair.budgetWrites", 60),
                Duration.ofSeconds(Long.getLong("fair.pauseSeconds", 20)));
        String loadBefore = MachineInfo.loadAverage();
        FairShare.Result result = FairShare.run(app, setup, Duration.ofMinutes(10));
        long total =
                result.appliesByInstance().stream().mapToLong(Long::longValue).sum();
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "Build: %s; %d pods × %d tenants, %d apply workers per pod, PUT latency %d ms; tenant t0000 has a "
                        + "backlog of %d writes accepted first, then t0001 (Genesys budget %d/min) gets %d writes, "
                        + "t0002 (paused %d s by a 429 on its first GET) and each of the other %d tenants %d writes. "
                        + "Load average before: %s.%n%n",
                System.getProperty("fair.label", "this build"),
                setup.instances(),
                setup.tenants(),
                setup.workers(),
                setup.putLatency().toMillis(),
                setup.backlog(),
                setup.budgetPerMinute(),
                setup.budgetWrites(),
                setup.pause().toSeconds(),
                setup.tenants() - 3,
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
                        + "- budget, all pods together: t0001 made %d Genesys calls, at most %d in any 10 s (its budget "
                        + "allows %d; a budget per pod would allow %d); its writes all applied after %.1f s%n"
                        + "- pause, all pods together: t0002 got its 429, then %d calls from any pod until the %d s "
                        + "pause ended; its writes all applied %.1f s after the 429%n"
                        + "- load average after: %s%n",
                (setup.tenants() - 3) * setup.writesPerTenant(),
                result.othersDone().toMillis() / 1000.0,
                result.slowestOtherTenant().toMillis() / 1000.0,
                result.backlogAppliedWhenOthersDone(),
                setup.backlog(),
                result.backlogDone().toMillis() / 1000.0,
                result.budget().calls(),
                result.budget().maxIn10s(),
                result.budget().allowedIn10s(),
                result.budget().allowedIn10s() * setup.instances(),
                result.budget().took().toMillis() / 1000.0,
                result.pause().callsDuringPause(),
                setup.pause().toSeconds(),
                result.pause().appliedAfter().toMillis() / 1000.0,
                MachineInfo.loadAverage()));
        System.out.println(text);
        String readme = System.getProperty("fair.readme");
        if (readme != null) {
            IdleTenantsMain.replaceSection(Path.of(readme), START, END, text.toString());
        }
    }
}
