package io.dialgate.tracing;

import io.opentelemetry.api.common.AttributeKey;

import java.util.List;

/**
 * The span attributes dialgate adds, named once. Ids and states only: no column value the CRM wrote, no header, no
 * credential (TracingTest checks every attribute of every span against the configured secrets).
 */
public final class TraceAttributes {

    public static final AttributeKey<String> TENANT = AttributeKey.stringKey("dialgate.tenant");
    public static final AttributeKey<String> CONTACT_LIST_ID = AttributeKey.stringKey("dialgate.contact_list.id");
    public static final AttributeKey<String> CONTACT_ID = AttributeKey.stringKey("dialgate.contact.id");
    public static final AttributeKey<String> WRITE_ID = AttributeKey.stringKey("dialgate.write.id");
    /** The state a write was accepted in: HELD (the contact is in a dial) or QUEUED. */
    public static final AttributeKey<String> WRITE_STATE = AttributeKey.stringKey("dialgate.write.state");

    public static final AttributeKey<Long> BATCH_STORED = AttributeKey.longKey("dialgate.batch.stored");
    /** The writes one apply carries (merged per contact). */
    public static final AttributeKey<List<String>> WRITE_IDS = AttributeKey.stringArrayKey("dialgate.write.ids");
    /** How long the oldest write of an apply waited between its acceptance and the claim (ms): the CRM's wait. */
    public static final AttributeKey<Long> WAITED_MS = AttributeKey.longKey("dialgate.write.waited_ms");
    /** Failed applies in a row before this one. */
    public static final AttributeKey<Long> FAILED_ATTEMPTS = AttributeKey.longKey("dialgate.apply.failed_attempts");
    /** The contacts of one bulk apply (its batch span). */
    public static final AttributeKey<Long> BATCH_CONTACTS = AttributeKey.longKey("dialgate.apply.contacts");
    /** How the apply ended: APPLIED, RETRY, BUSY, FAILED, DEFER (docs/DESIGN.md, the retry table). */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("dialgate.apply.outcome");

    private TraceAttributes() {}
}
