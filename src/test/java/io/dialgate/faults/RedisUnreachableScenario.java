package io.dialgate.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 3: Redis unreachable (the proxy between dialgate and Redis cut) while the CRM keeps writing: every write
 * refused meanwhile is a 503 with {@code Retry-After}, and dialgate is ready again within 5 s of Redis returning.
 */
final class RedisUnreachableScenario implements FaultScenario {

    private static final Duration READY_AGAIN = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "3 Redis unreachable";
    }

    @Override
    public FaultRig.Options options() {
        return FaultRig.Options.standard().withProxy();
    }

    @Override
    public Injection inject(FaultRig rig) throws Exception {
        CuttableTcpProxy proxy = rig.proxy().orElseThrow();
        Thread.sleep(rig.scale().load().toMillis() / 4);
        Map<Long, String> refusedBefore = rig.writes().refused();
        proxy.cut();
        Thread.sleep(rig.scale().outage().toMillis());
        proxy.restore();
        long restored = System.nanoTime();
        while (!rig.allReady()
                && System.nanoTime() - restored < Duration.ofSeconds(60).toNanos()) {
            Thread.sleep(50);
        }
        Duration readyAfter = Duration.ofNanos(System.nanoTime() - restored);
        List<String> problems = new ArrayList<>();
        if (readyAfter.compareTo(READY_AGAIN) > 0) {
            problems.add(String.format(
                    "ready again %.1f s after Redis returned (limit %d s)",
                    readyAfter.toMillis() / 1000.0, READY_AGAIN.toSeconds()));
        }
        Map<String, Long> answers = new java.util.TreeMap<>();
        rig.writes().refused().forEach((seq, answer) -> {
            if (!refusedBefore.containsKey(seq)) {
                answers.merge(answer, 1L, Long::sum);
            }
        });
        long wrong = answers.entrySet().stream()
                .filter(e -> !e.getKey()
                        .replace(InstancesWritePath.OUTCOME_UNKNOWN, "")
                        .startsWith("503 Retry-After"))
                .mapToLong(Map.Entry::getValue)
                .sum();
        if (wrong > 0) {
            problems.add("writes refused during the outage other than 503 + Retry-After: " + answers);
        }
        return Injection.of(
                String.format(
                        "Redis cut %d s; refusals %s; ready %.1f s after return",
                        rig.scale().outage().toSeconds(), answers, readyAfter.toMillis() / 1000.0),
                problems);
    }
}
