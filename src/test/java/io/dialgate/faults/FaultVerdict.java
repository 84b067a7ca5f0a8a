package io.dialgate.faults;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one scenario run shows against dialgate's promise: every accepted write ends APPLIED or FAILED with a reason,
 * Genesys ends with the newest applied value, no write lands after a newer one, no PUT reaches a contact in a dial,
 * and the service is ready again.
 *
 * @param accepted       writes answered 202
 * @param applied        of those, APPLIED
 * @param failed         of those, FAILED with a reason ({@code lastError})
 * @param lost           of those, neither after the settle time: gone (404), still pending, or FAILED without reason
 * @param allowedLoss    lost writes the scenario's fault is documented to lose (Redis without fsync on SIGKILL)
 * @param staleOverwrites PUTs that carried an older value than one Genesys already held from an earlier PUT, plus
 *                       contacts whose final value is not their newest applied write
 * @param putsDuringDial PUTs Genesys refused with 409 whose write dialgate claimed while its own Redis already held
 *                       the contact's dial (or sent with no lease): a held write released during a known dial
 *                       ({@link DialWitness})
 * @param learnedMidApply PUTs refused with 409 for a dial whose first event reached dialgate after the write was
 *                       claimed and before the PUT arrived (dialgate does not look at the dial between claim and PUT)
 * @param racedDials     PUTs refused with 409 for a dial whose first event had not reached dialgate yet: the race
 *                       between the dialer and its event delivery that no gateway can close (dialgate retries them)
 * @param recovery       from the end of the last fault to ready again and the first write applied after it;
 *                       empty when it never recovered
 * @param problems       every broken promise, in words; empty when the run held
 */
public record FaultVerdict(
        String scenario,
        String load,
        String faults,
        long accepted,
        long applied,
        long failed,
        long lost,
        long allowedLoss,
        long staleOverwrites,
        long putsDuringDial,
        long learnedMidApply,
        long racedDials,
        Optional<Duration> recovery,
        List<String> problems) {

    public FaultVerdict {
        problems = List.copyOf(problems);
    }

    /** A scenario whose run threw before it could be judged. */
    public static FaultVerdict didNotComplete(String scenario, String load, Throwable failure) {
        return new FaultVerdict(
                scenario,
                load,
                "(did not complete)",
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                Optional.empty(),
                List.of("run failed: "
                        + String.valueOf(failure).lines().findFirst().orElse("")));
    }

    public boolean held() {
        return problems.isEmpty();
    }

    /** The row of {@code faults/run}'s table. */
    public String row() {
        return String.join(
                        " | ",
                        "",
                        scenario,
                        load,
                        faults,
                        Long.toString(accepted),
                        Long.toString(applied),
                        Long.toString(failed),
                        lost + (allowedLoss > 0 ? " (" + allowedLoss + " expected)" : ""),
                        Long.toString(staleOverwrites),
                        putsDuringDial + " (+" + learnedMidApply + " learned mid-apply, +" + racedDials + " raced)",
                        recovery.map(d -> String.format("%.1f s", d.toMillis() / 1000.0))
                                .orElse("never"),
                        held() ? "held" : "**BROKEN**: " + String.join("; ", problems),
                        "")
                .trim();
    }

    public static String header() {
        return "| scenario | load held | faults injected | accepted | applied | failed | lost | stale overwrites "
                + "| PUTs during a known dial (+ learned mid-apply, + raced) | recovery | verdict |\n"
                + "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|";
    }

    /** Fails with the whole row when a promise was broken. */
    public void assertHeld() {
        if (!held()) {
            throw new AssertionError("scenario " + scenario + " broke dialgate's promise:\n" + header() + "\n" + row());
        }
    }
}
