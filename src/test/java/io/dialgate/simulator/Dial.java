package io.dialgate.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * One call attempt of the simulated dialer on one contact. The step methods deliver the step's
 * event synchronously and return the HTTP status dialgate answered; the {@code ...Event()}
 * methods return the same envelope without sending it, so a test can send duplicates or
 * re-order events itself through {@link SimulatedDialer#deliver}. Each step's event is created
 * once (on first use) and reused, so a resend is a true duplicate.
 *
 * <p>The contact is locked (PUT answers 409) from {@link #preContact()} until {@link #postContact()}
 * or {@link #endWithoutEvent()}.
 */
public final class Dial {

    /** The events of a dial, in the order Genesys emits them. */
    public enum Step {
        PRE_CONTACT,
        OUTBOUND,
        CUSTOMER_END,
        POST_CONTACT
    }

    private final SimulatedDialer dialer;
    private final DialFacts facts;
    private final Map<Step, NotificationEvent> events = new EnumMap<>(Step.class);
    private String wrapupCode;
    private Duration talkDuration;
    private Instant attemptStarted;
    private boolean locked;
    private boolean released;
    private volatile int preContactStatus;

    Dial(SimulatedDialer dialer, DialFacts facts, String defaultWrapupCode) {
        this.dialer = dialer;
        this.facts = facts;
        this.wrapupCode = defaultWrapupCode;
    }

    public String contactListId() {
        return facts.contactListId();
    }

    public String contactId() {
        return facts.contactId();
    }

    public String conversationId() {
        return facts.conversationId();
    }

    public String campaignId() {
        return facts.campaignId();
    }

    public String customerParticipantId() {
        return facts.customerParticipantId();
    }

    public DialOutcome outcome() {
        return facts.outcome();
    }

    public synchronized String wrapupCode() {
        return wrapupCode;
    }

    /** Chooses the wrap-up code reported by postContact; only before the postContact event exists. */
    public synchronized Dial withWrapupCode(String code) {
        if (events.containsKey(Step.POST_CONTACT)) {
            throw new IllegalStateException("postContact event already created with wrap-up code " + wrapupCode);
        }
        this.wrapupCode = code;
        return this;
    }

    /** The status dialgate answered to the preContact event sent by {@link SimulatedDialer#begin}; 0 before it was sent. */
    public int preContactStatus() {
        return preContactStatus;
    }

    /** True from preContact until postContact (or {@link #endWithoutEvent()}). */
    public synchronized boolean isActive() {
        return locked && !released;
    }

    /** Locks the contact and delivers preContact. */
    public int preContact() {
        lock();
        int status = dialer.deliverEvent(event(Step.PRE_CONTACT));
        preContactStatus = status;
        return status;
    }

    public int outbound() {
        return dialer.deliverEvent(event(Step.OUTBOUND));
    }

    public int customerEnd() {
        return dialer.deliverEvent(event(Step.CUSTOMER_END));
    }

    /**
     * Unlocks the contact, records the attempt in its callRecords, then delivers postContact. The
     * unlock comes first because dialgate may flush held writes while handling this very event.
     */
    public int postContact() {
        NotificationEvent event = event(Step.POST_CONTACT);
        release();
        return dialer.deliverEvent(event);
    }

    /** Unlocks the contact without any event, as when Genesys loses the postContact notification. */
    public void endWithoutEvent() {
        release();
    }

    public ObjectNode preContactEvent() {
        return dialer.envelope(event(Step.PRE_CONTACT));
    }

    public ObjectNode outboundEvent() {
        return dialer.envelope(event(Step.OUTBOUND));
    }

    public ObjectNode customerEndEvent() {
        return dialer.envelope(event(Step.CUSTOMER_END));
    }

    public ObjectNode postContactEvent() {
        return dialer.envelope(event(Step.POST_CONTACT));
    }

    /** Just the {@code eventBody} of a step, e.g. for schema checks. */
    public ObjectNode eventBody(Step step) {
        return event(step).eventBody().deepCopy();
    }

    public String topicName(Step step) {
        return event(step).topicName();
    }

    /** Used by the campaign loop so {@code interactingDurationMs} reflects the drawn talk time. */
    synchronized void setTalkDuration(Duration duration) {
        this.talkDuration = duration;
    }

    synchronized NotificationEvent event(Step step) {
        NotificationEvent existing = events.get(step);
        if (existing != null) {
            return existing;
        }
        Instant now = Instant.now();
        NotificationEvent created;
        switch (step) {
            case PRE_CONTACT:
                created = create(DialEvents.PRE_CONTACT_TOPIC, DialEvents.preContact(facts, now), now);
                break;
            case OUTBOUND:
                created =
                        create(DialEvents.outboundTopic(facts.conversationId()), DialEvents.outbound(facts, now), now);
                break;
            case CUSTOMER_END:
                created = create(
                        DialEvents.customerEndTopic(facts.conversationId()),
                        DialEvents.customerEnd(
                                facts, now, facts.outcome().answered() ? interactingDuration(now) : null),
                        now);
                break;
            default:
                created = create(DialEvents.POST_CONTACT_TOPIC, DialEvents.postContact(facts, now, wrapupCode), now);
                break;
        }
        events.put(step, created);
        return created;
    }

    private Duration interactingDuration(Instant end) {
        if (talkDuration != null) {
            return talkDuration;
        }
        NotificationEvent outbound = events.get(Step.OUTBOUND);
        return outbound == null ? Duration.ZERO : Duration.between(outbound.time(), end);
    }

    private static NotificationEvent create(String topic, ObjectNode body, Instant time) {
        return new NotificationEvent(
                topic, body, UUID.randomUUID().toString(), UUID.randomUUID().toString(), time);
    }

    private synchronized void lock() {
        if (locked) {
            return;
        }
        if (!dialer.lock(this)) {
            throw new IllegalStateException("contact " + facts.contactId() + " is already in another active dial");
        }
        locked = true;
        attemptStarted = Instant.now();
    }

    private synchronized void release() {
        if (!locked || released) {
            released = true;
            return;
        }
        released = true;
        dialer.release(this, facts.phoneColumn(), attemptStarted, wrapupCode);
    }
}
