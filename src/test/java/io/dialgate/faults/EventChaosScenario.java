package io.dialgate.faults;

import io.dialgate.testing.GenesysEvents;
import io.dialgate.testing.TestTenants;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Scenario 5: the relay loses 10 % of events, duplicates 10 %, delays each up to 2 s (reordering) and moves detail
 * events' clocks by up to 2 s; then a burst of pre/postContact pairs for contacts outside the campaign.
 */
final class EventChaosScenario implements FaultScenario {

    static final EventRelay.Chaos CHAOS =
            new EventRelay.Chaos(0.10, 0.10, Duration.ofSeconds(2), Duration.ofSeconds(2));

    @Override
    public String name() {
        return "5 event chaos";
    }

    @Override
    public FaultRig.Options options() {
        // The demo's dials last at most 26 s (ring 5 + talk 15 + wrap-up 6, ten times shorter than a real campaign's):
        // the windows that end a dial whose postContact was lost shrink alike, so state converges within the run.
        return FaultRig.Options.standard()
                .withChaos(CHAOS)
                .withConfiguration(Map.of(
                        "dialgate.tenants." + FaultRig.TENANT + ".active-dial-ttl", "30S",
                        "dialgate.tenants." + FaultRig.TENANT + ".post-call-grace", "15S"));
    }

    @Override
    public Injection inject(FaultRig rig) throws Exception {
        Thread.sleep(rig.scale().load().toMillis() / 2);
        String list = TestTenants.newListId();
        long now = System.currentTimeMillis();
        int pairs = rig.scale().eventBurst() / 2;
        for (int i = 0; i < pairs; i++) {
            String contact = TestTenants.newContactId();
            String conversation = java.util.UUID.randomUUID().toString();
            rig.relay()
                    .deliver(GenesysEvents.preContact(list, contact, conversation, now)
                            .toString());
            rig.relay()
                    .deliver(GenesysEvents.postContact(list, contact, conversation, now + 1)
                            .toString());
        }
        rig.relay().awaitDrained(Duration.ofSeconds(120));
        return Injection.of(
                String.format(
                        "10 %% lost, 10 %% doubled, ≤2 s reorder, ±2 s skew; burst of %d events " + "(%d given up)",
                        pairs * 2, rig.relay().gaveUp()),
                List.of());
    }
}
