package io.dialgate.faults;

import io.dialgate.testing.TestTenants;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How long after the last fault the service works again: every instance ready, and a fresh write to a contact no
 * dial touches accepted and APPLIED.
 */
final class Recovery {

    private Recovery() {}

    static Optional<Duration> measure(FaultRig rig, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        String list = TestTenants.newListId();
        String contact = TestTenants.newContactId();
        rig.genesys().contacts().put(list, contact, Map.of("probe", "before"));
        WriteStatuses api = new WriteStatuses(FaultRig.TENANT, TestTenants.ACME_CRM_TOKEN);
        Optional<String> writeId = Optional.empty();
        while (System.nanoTime() < deadline) {
            if (!rig.allReady()) {
                Thread.sleep(100);
                continue;
            }
            String base = rig.liveInstance().baseUrl();
            if (writeId.isEmpty()) {
                writeId = api.write(base, list, contact, "{\"probe\":\"after\"}");
            } else if (api.status(base, writeId.get())
                    .filter(WriteStatuses.Status::applied)
                    .isPresent()) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - start));
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }
}
