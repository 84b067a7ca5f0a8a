package io.dialgate.faults;

import io.dialgate.demo.CrmWrite;
import io.dialgate.simulator.RecordedPut;
import io.dialgate.testing.TestTenants;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The end-of-run check every scenario shares. Every CRM write carries {@code crm_note = "w<seq>"} (see
 * {@link CrmWrite}), so each PUT Genesys received and each contact's final value name the newest write they carry.
 */
final class WriteAudit {

    record Result(
            long accepted,
            long applied,
            long failed,
            long lost,
            long staleOverwrites,
            long putsDuringDial,
            long learnedMidApply,
            long racedDials,
            List<String> problems) {}

    private static final int EXAMPLES = 3;

    private WriteAudit() {}

    static Result audit(FaultRig rig, long allowedLoss) throws InterruptedException {
        Map<Long, InstancesWritePath.Accepted> accepted = rig.writes().accepted();
        Map<Long, WriteStatuses.Status> statuses = settle(rig, accepted);
        List<String> problems = new ArrayList<>();
        long applied =
                statuses.values().stream().filter(WriteStatuses.Status::applied).count();
        long failed = statuses.values().stream()
                .filter(WriteStatuses.Status::failedWithReason)
                .count();
        long lost = accepted.size() - applied - failed;
        if (lost > allowedLoss) {
            problems.add(lost + " accepted writes neither APPLIED nor FAILED with a reason (e.g. "
                    + examples(rig, accepted, statuses) + ")");
        }
        Map<String, Long> newestApplied = new HashMap<>();
        Map<String, Long> newestAccepted = new HashMap<>();
        accepted.values().forEach(a -> {
            newestAccepted.merge(a.contactId(), a.seq(), Math::max);
            if (statuses.get(a.seq()) != null && statuses.get(a.seq()).applied()) {
                newestApplied.merge(a.contactId(), a.seq(), Math::max);
            }
        });
        String list = rig.plan().contactListId();
        long staleFinal = 0;
        long notAppliedLanded = 0;
        long refusedLanded = 0;
        List<String> staleExamples = new ArrayList<>();
        Map<Long, String> refused = rig.writes().refused();
        for (String contact : rig.plan().contactIds()) {
            long held = rig.genesys()
                    .contacts()
                    .get(list, contact)
                    .map(c -> CrmWrite.seqOf(c.data()))
                    .orElse(-1L);
            long newest = newestApplied.getOrDefault(contact, 0L);
            if (held < newest) {
                staleFinal++;
                if (staleExamples.size() < EXAMPLES) {
                    staleExamples.add(contact + " holds w" + held + ", newest applied w" + newest);
                }
            } else if (held > newest) {
                boolean countedLost =
                        statuses.get(held) == null || !statuses.get(held).ended();
                if (newestAccepted.getOrDefault(contact, 0L) >= held && accepted.containsKey(held) && !countedLost) {
                    // a write that ended FAILED (or another state than APPLIED) and yet landed; one whose record is
                    // gone or still pending is judged by the lost count (a documented loss: Redis lost the record of
                    // an apply that had reached Genesys)
                    notAppliedLanded++;
                } else if (refused.containsKey(held)
                        && !refused.get(held).startsWith("no answer")
                        && !refused.get(held).startsWith(InstancesWritePath.OUTCOME_UNKNOWN)) {
                    // a write that got no answer, or a 503 saying its outcome is unknown (Redis stopped answering with
                    // it sent), may or may not have been stored: only a refusal must store nothing
                    refusedLanded++;
                }
            }
        }
        long stalePuts = stalePuts(rig, list);
        if (staleFinal > 0) {
            problems.add(staleFinal + " contacts end on an older value than their newest applied write ("
                    + String.join(", ", staleExamples) + ")");
        }
        if (stalePuts > 0) {
            problems.add(stalePuts + " PUTs carried an older write than an earlier successful PUT");
        }
        if (notAppliedLanded > 0) {
            problems.add(notAppliedLanded + " contacts hold the value of a write not reported APPLIED");
        }
        if (refusedLanded > 0) {
            problems.add(refusedLanded + " contacts hold the value of a write dialgate refused (half-written)");
        }
        List<DialWitness.Seen> conflicts = rig.dialWitness().seen();
        List<DialWitness.Seen> duringKnownDial = conflicts.stream()
                .filter(c -> c.kind() == DialWitness.Kind.RELEASED_IN_KNOWN_DIAL
                        || (c.kind() == DialWitness.Kind.UNREADABLE
                                && rig.relay()
                                        .knewOfDial(c.put().contactId(), c.put().time())))
                .toList();
        long putsDuringDial = duringKnownDial.size();
        long learnedMidApply = conflicts.stream()
                .filter(c -> c.kind() == DialWitness.Kind.LEARNED_MID_APPLY)
                .count();
        if (putsDuringDial > 0) {
            problems.add(putsDuringDial
                    + " PUTs released a write during a dial dialgate's Redis held before the claim (409; "
                    + String.join(
                            "; ",
                            duringKnownDial.stream()
                                    .limit(EXAMPLES)
                                    .map(DialWitness.Seen::evidence)
                                    .toList())
                    + ")");
        }
        return new Result(
                accepted.size(),
                applied,
                failed,
                lost,
                staleFinal + stalePuts,
                putsDuringDial,
                learnedMidApply,
                conflicts.size() - putsDuringDial - learnedMidApply,
                problems);
    }

    /** Polls until every accepted write has ended or the settle time is over; the last status seen of each. */
    private static Map<Long, WriteStatuses.Status> settle(FaultRig rig, Map<Long, InstancesWritePath.Accepted> accepted)
            throws InterruptedException {
        WriteStatuses api = new WriteStatuses(FaultRig.TENANT, TestTenants.ACME_CRM_TOKEN);
        Map<Long, WriteStatuses.Status> last = new HashMap<>();
        long deadline = System.nanoTime() + rig.scale().settle().toNanos();
        while (true) {
            boolean allEnded = true;
            for (InstancesWritePath.Accepted a : accepted.values()) {
                WriteStatuses.Status seen = last.get(a.seq());
                if (seen != null && seen.ended()) {
                    continue;
                }
                Optional<WriteStatuses.Status> now =
                        api.status(rig.liveInstance().baseUrl(), a.writeId());
                now.ifPresent(s -> last.put(a.seq(), s));
                allEnded &= now.map(WriteStatuses.Status::ended).orElse(false);
            }
            if (allEnded || System.nanoTime() > deadline) {
                return last;
            }
            Thread.sleep(500);
        }
    }

    /** Successful PUTs, per contact in the order Genesys answered them, that carry an older write than one before. */
    private static long stalePuts(FaultRig rig, String list) {
        Map<String, Long> newestPut = new HashMap<>();
        long stale = 0;
        for (RecordedPut put : rig.genesys().requestLog().puts()) {
            if (!list.equals(put.contactListId()) || put.status() / 100 != 2 || put.body() == null) {
                continue;
            }
            long seq = seqOf(put.body().path("data").path(CrmWrite.SEQ_COLUMN).asText(""));
            long before = newestPut.getOrDefault(put.contactId(), -1L);
            if (seq < before) {
                stale++;
            }
            newestPut.put(put.contactId(), Math.max(seq, before));
        }
        return stale;
    }

    private static long seqOf(String note) {
        return CrmWrite.seqOf(Map.of(CrmWrite.SEQ_COLUMN, note));
    }

    /** A few writes that did not end, each with dialgate's view of its contact's dial: why it still waits. */
    private static String examples(
            FaultRig rig, Map<Long, InstancesWritePath.Accepted> accepted, Map<Long, WriteStatuses.Status> statuses) {
        WriteStatuses api = new WriteStatuses(FaultRig.TENANT, TestTenants.ACME_CRM_TOKEN);
        return accepted.values().stream()
                .filter(a ->
                        statuses.get(a.seq()) == null || !statuses.get(a.seq()).ended())
                .limit(EXAMPLES)
                .map(a -> "w" + a.seq() + " "
                        + Optional.ofNullable(statuses.get(a.seq()))
                                .map(s -> s.httpStatus() == 404
                                        ? "unknown (404)"
                                        : s.state() + (s.hasReason() ? "" : " without reason"))
                                .orElse("unreadable")
                        + " [contact " + a.contactId() + ", dial-state "
                        + api.dialState(rig.liveInstance().baseUrl(), rig.plan().contactListId(), a.contactId())
                        + "]")
                .reduce((x, y) -> x + ", " + y)
                .orElse("");
    }
}
