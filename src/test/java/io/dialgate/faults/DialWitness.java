package io.dialgate.faults;

import io.dialgate.simulator.RecordedPut;
import io.dialgate.testing.RespClient;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiPredicate;

/**
 * What dialgate's own Redis said about a contact at the moment Genesys refused its PUT with 409 (the contact was in a
 * dial): looked up on the simulator's thread before the 409 is sent, while the apply still holds its lease. claim.lua
 * stamps the lease with the claim's Redis time and apply-event.lua the dial with the Redis time it began ({@code
 * since}), so the two are compared on one clock:
 *
 * <ul>
 *   <li>{@link Kind#RELEASED_IN_KNOWN_DIAL}: dialgate's Redis held the dial as active before the write was claimed, or
 *       the PUT went out with no lease at all — a held write released during a dial dialgate knew of (broken);
 *   <li>{@link Kind#LEARNED_MID_APPLY}: the dial's first event reached dialgate after the claim and before the PUT
 *       arrived — dialgate does not look at the dial again between its claim and its PUT;
 *   <li>{@link Kind#RACED}: dialgate had not taken any event of the dial when the PUT arrived (no gateway can close that
 *       race; Genesys answers 409 and dialgate retries);
 *   <li>{@link Kind#UNREADABLE}: Redis did not answer within {@link #REDIS_RESTART} (a read during a Redis restart
 *       waits for it to come back); the audit judges those by the relay's record of delivered events instead.
 * </ul>
 */
final class DialWitness {

    enum Kind {
        RELEASED_IN_KNOWN_DIAL,
        LEARNED_MID_APPLY,
        RACED,
        UNREADABLE
    }

    /** One refused PUT as dialgate's Redis saw it; {@code evidence} gives the Redis times it was judged on. */
    record Seen(RecordedPut put, Kind kind, String evidence) {}

    /** Longer than a Redis restart of the fault suite takes (down about a second, then loading the AOF). */
    private static final Duration REDIS_RESTART = Duration.ofSeconds(10);

    private final int redisPort;
    private final String prefix;
    private final String contactListId;
    private final BiPredicate<String, String> inADialAtGenesys;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    /**
     * @param inADialAtGenesys whether the simulator holds the contact (list, contact) in a dial: an upsert refused with
     *                         409 is recorded once per contact it carried, and only the contacts in a dial are judged
     *                         (the others were refused with them, not for a dial of their own)
     */
    DialWitness(int redisPort, String tenant, String contactListId, BiPredicate<String, String> inADialAtGenesys) {
        this.redisPort = redisPort;
        this.prefix = "dg:{t:" + tenant + "}:";
        this.contactListId = contactListId;
        this.inADialAtGenesys = inADialAtGenesys;
    }

    /** For {@code RequestLog.observePuts}: judges each 409 of the watched contact list met by a contact in a dial. */
    void observe(RecordedPut put) {
        if (put.status() != 409
                || !contactListId.equals(put.contactListId())
                || !inADialAtGenesys.test(put.contactListId(), put.contactId())) {
            return;
        }
        seen.add(judge(put));
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** What dialgate's Redis holds of the contact when the 409 is judged. */
    private record Snapshot(List<?> dial, Object lease, long now) {}

    private Seen judge(RecordedPut put) {
        String member = put.contactListId() + ":" + put.contactId();
        Optional<Snapshot> read = Optional.empty();
        RuntimeException down = null;
        // A 409 met while Redis restarts waits for it (the simulator holds the answer, the apply holds its lease): the
        // dial's start and the lease's claim time are kept across the restart (AOF), so the judgement stays exact.
        long deadline = System.nanoTime() + REDIS_RESTART.toNanos();
        while (read.isEmpty() && System.nanoTime() < deadline) {
            try {
                read = Optional.of(snapshot(member));
            } catch (RuntimeException redisDown) {
                down = redisDown;
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
        if (read.isEmpty()) {
            return new Seen(put, Kind.UNREADABLE, "Redis did not answer: " + (down == null ? "" : down.getMessage()));
        }
        List<?> dial = read.get().dial();
        Object lease = read.get().lease();
        long now = read.get().now();
        boolean active = "1".equals(dial.get(0)) && number(dial.get(1)).orElse(0L) > now;
        Optional<Long> since = number(dial.get(2));
        if (!active || since.isEmpty()) {
            return new Seen(put, Kind.RACED, "dialgate's Redis holds no active dial at " + now);
        }
        Optional<Long> claimed = claimTime(lease, member);
        String evidence = String.format(
                "%s: dial active in dialgate's Redis since %d, claimed at %s, PUT at %d",
                put.contactId(), since.get(), claimed.map(Object::toString).orElse("(no lease)"), now);
        if (claimed.isEmpty() || claimed.get() > since.get()) {
            return new Seen(put, Kind.RELEASED_IN_KNOWN_DIAL, evidence);
        }
        return new Seen(put, Kind.LEARNED_MID_APPLY, evidence);
    }

    private Snapshot snapshot(String member) {
        try (RespClient redis = new RespClient(redisPort)) {
            List<?> dial = (List<?>) redis.call("HMGET", prefix + "dial:" + member, "active", "activeUntil", "since");
            Object lease = redis.call("HGET", prefix + "fw:" + member, "lease");
            List<?> time = (List<?>) redis.call("TIME");
            long now = Long.parseLong(time.get(0).toString()) * 1000
                    + Long.parseLong(time.get(1).toString()) / 1000;
            return new Snapshot(dial, lease, now);
        }
    }

    /** claim.lua's lease is {@code <owner>:<claim time ms>:<member>}. */
    private static Optional<Long> claimTime(Object lease, String member) {
        if (!(lease instanceof String text) || !text.endsWith(":" + member)) {
            return Optional.empty();
        }
        String head = text.substring(0, text.length() - member.length() - 1);
        return number(head.substring(head.lastIndexOf(':') + 1));
    }

    private static Optional<Long> number(Object value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Long.parseLong(value.toString()));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
