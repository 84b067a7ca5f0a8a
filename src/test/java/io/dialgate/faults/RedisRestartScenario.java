package io.dialgate.faults;

import java.util.List;

/**
 * Scenario 2: Redis restarted mid-load with its append-only file, by SIGTERM (it flushes) or SIGKILL (it loses what
 * was not yet fsynced: nothing with {@code always}, up to a second of writes with {@code everysec}).
 */
final class RedisRestartScenario implements FaultScenario {

    private final FaultRig.Persistence persistence;
    private final boolean sigkill;

    RedisRestartScenario(FaultRig.Persistence persistence, boolean sigkill) {
        this.persistence = persistence;
        this.sigkill = sigkill;
    }

    @Override
    public String name() {
        return "2 Redis " + (sigkill ? "SIGKILL" : "SIGTERM") + ", AOF "
                + (persistence == FaultRig.Persistence.AOF_ALWAYS ? "always" : "everysec");
    }

    @Override
    public FaultRig.Options options() {
        return FaultRig.Options.standard().withPersistence(persistence);
    }

    @Override
    public Injection inject(FaultRig rig) throws Exception {
        Thread.sleep(rig.scale().load().toMillis() / 3);
        if (sigkill) {
            rig.redis().kill();
        } else {
            rig.redis().stop();
        }
        Thread.sleep(1_000);
        rig.redis().restart();
        // everysec fsyncs once a second: a SIGKILL may lose what was accepted in the last second
        long allowed = sigkill && persistence == FaultRig.Persistence.AOF_EVERYSEC
                ? (long) Math.ceil(rig.scale().writesPerSecond())
                : 0;
        return new Injection("1 restart (" + (sigkill ? "SIGKILL" : "SIGTERM") + "), down 1 s", List.of(), allowed);
    }
}
