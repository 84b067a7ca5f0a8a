package io.dialgate.redis;

/**
 * Redis key names of one tenant. Every key starts with {@code dg:{t:<tenant>}:}: the hash tag puts all of a tenant's
 * keys in one Redis Cluster slot, so each Lua script runs on one node. {@code prelude.lua} builds the same names.
 */
public record TenantKeys(String tenant) {

    public String prefix() {
        return "dg:{t:" + tenant + "}:";
    }

    /** A contact as it appears in the tenant's sorted sets: {@code <contactListId>:<contactId>}. */
    public static String member(String contactListId, String contactId) {
        return contactListId + ":" + contactId;
    }

    public String dial(String member) {
        return prefix() + "dial:" + member;
    }

    public String conversation(String conversationId) {
        return prefix() + "conv:" + conversationId;
    }

    public String pending(String member) {
        return prefix() + "pw:" + member;
    }

    public String pendingIds(String member) {
        return prefix() + "pwids:" + member;
    }

    public String inFlight(String member) {
        return prefix() + "fw:" + member;
    }

    public String inFlightIds(String member) {
        return prefix() + "fwids:" + member;
    }

    public String write(String writeId) {
        return prefix() + "write:" + writeId;
    }

    public String ready() {
        return prefix() + "ready";
    }

    public String held() {
        return prefix() + "held";
    }

    public String inFlightSet() {
        return prefix() + "inflight";
    }

    public String deadLetters() {
        return prefix() + "dead";
    }

    /** Writes of the tenant per state (QUEUED, HELD, IN_FLIGHT), kept by the scripts as writes change state. */
    public String counts() {
        return prefix() + "counts";
    }

    /** Held contacts by when their oldest pending write was accepted (ms). */
    public String heldSince() {
        return prefix() + "heldsince";
    }

    /** The fields of a failed apply, kept once for all its dead letters (named by the apply's lease). */
    public String failedPayload(String lease) {
        return prefix() + "failed:" + lease;
    }

    /**
     * Per field a write applied to the contact ({@code d:<col>}, {@code p:<col>}, {@code callable}; {@code d:*} for a
     * replace), the acceptance order of the newest write that applied it: a retried dead letter drops what is newer.
     */
    public String columnVersions(String member) {
        return prefix() + "cv:" + member;
    }

    /** The tenant's Genesys API budget (GCRA state), shared by every instance. */
    public String budget() {
        return prefix() + "budget";
    }

    /** When the tenant's paused dispatch resumes (ms), while it is paused. */
    public String pause() {
        return prefix() + "pause";
    }

    /** What an Idempotency-Key of the tenant was first used for. */
    public String idempotency(String key) {
        return prefix() + "idem:" + key;
    }

    /** An outcome callback event (callbacks.lua). */
    public String callback(String eventId) {
        return prefix() + "cb:" + eventId;
    }

    /** A contact's callback events, oldest first. */
    public String callbackQueue(String member) {
        return prefix() + "cbq:" + member;
    }

    public String callbacksReady() {
        return prefix() + "cbready";
    }

    public String callbacksInFlight() {
        return prefix() + "cbinflight";
    }

    public String callbackDeadLetters() {
        return prefix() + "cbdead";
    }

    /** Events stored and not yet delivered or dead-lettered. */
    public String callbacksQueued() {
        return prefix() + "cbcount";
    }

    /** The tenant's callback send budget (GCRA state, rate-budget.lua). */
    public String callbackBudget() {
        return prefix() + "cbbudget";
    }
}
