package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Genesys outbound dialer as dialgate sees it: it takes contacts through dials and posts the
 * resulting notifications to dialgate's events endpoint. One simulator is one campaign (fixed
 * campaign, division and queue ids); every dial gets fresh conversation and participant ids.
 */
public final class SimulatedDialer {

    static final String CALLER_ID_NUMBER = "+13175550100";
    static final String CALLER_ID_NAME = "Dialgate Simulator";
    static final String DIALING_MODE = "PREDICTIVE";

    private final SimulatedContacts contacts;
    private final EventSink sink;
    private final EventEnvelopes envelopes;
    private final String campaignId = UUID.randomUUID().toString();
    private final String divisionId = UUID.randomUUID().toString();
    private final String queueId = UUID.randomUUID().toString();
    private final String agentWrapupCode = UUID.randomUUID().toString();
    private final Set<Dial> activeDials = ConcurrentHashMap.newKeySet();
    private final List<CampaignRun> campaigns = new CopyOnWriteArrayList<>();
    private volatile EnvelopeStyle envelopeStyle;

    SimulatedDialer(SimulatedContacts contacts, EventSink sink, EventEnvelopes envelopes, EnvelopeStyle envelopeStyle) {
        this.contacts = contacts;
        this.sink = sink;
        this.envelopes = envelopes;
        this.envelopeStyle = envelopeStyle;
    }

    /** Starts an answered dial: picks ids, locks the contact and delivers preContact (status in {@link Dial#preContactStatus()}). */
    public Dial begin(String contactListId, String contactId) {
        return begin(contactListId, contactId, DialOutcome.ANSWERED);
    }

    public Dial begin(String contactListId, String contactId, DialOutcome outcome) {
        Dial dial = prepare(contactListId, contactId, outcome);
        dial.preContact();
        return dial;
    }

    /** Plans a dial without locking the contact or sending anything; call {@link Dial#preContact()} to start it. */
    public Dial prepare(String contactListId, String contactId, DialOutcome outcome) {
        StoredContact contact = contacts.get(contactListId, contactId)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no contact " + contactId + " in list " + contactListId + "; seed it first"));
        String phoneColumn = phoneColumn(contact.data());
        String phoneNumber = phoneColumn == null ? null : contact.data().get(phoneColumn);
        DialFacts facts = new DialFacts(
                contactListId,
                contactId,
                campaignId,
                divisionId,
                queueId,
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                DIALING_MODE,
                phoneColumn,
                phoneNumber,
                phoneType(phoneColumn),
                CALLER_ID_NUMBER,
                CALLER_ID_NAME,
                Objects.requireNonNull(outcome));
        String wrapup = outcome.answered() ? agentWrapupCode : outcome.systemWrapupCode();
        return new Dial(this, facts, wrapup);
    }

    /** Posts any envelope (e.g. a duplicate or a hand-made one) and returns dialgate's status. */
    public int deliver(JsonNode envelope) {
        return sink.post(envelope);
    }

    /** Everything posted to the sink so far, in order. */
    public List<DeliveredEvent> deliveries() {
        return sink.delivered();
    }

    public boolean isActive(String contactListId, String contactId) {
        return contacts.isInActiveDial(contactListId, contactId);
    }

    public List<Dial> activeDials() {
        return List.copyOf(activeDials);
    }

    /** Starts a background campaign on one contact list; stop it with {@link CampaignRun#stop()}. */
    public CampaignRun runCampaign(CampaignSettings settings) {
        CampaignRun run = new CampaignRun(this, contacts, settings);
        campaigns.add(run);
        run.start();
        return run;
    }

    public void setEventsSink(URI url, String ingestToken) {
        sink.setTarget(url, ingestToken);
    }

    public URI eventsSinkUrl() {
        return sink.url();
    }

    public void setEnvelopeStyle(EnvelopeStyle style) {
        this.envelopeStyle = Objects.requireNonNull(style);
    }

    public EnvelopeStyle envelopeStyle() {
        return envelopeStyle;
    }

    public String campaignId() {
        return campaignId;
    }

    public String divisionId() {
        return divisionId;
    }

    public String queueId() {
        return queueId;
    }

    /** The wrap-up code the simulated agent applies to answered calls. */
    public String agentWrapupCode() {
        return agentWrapupCode;
    }

    int deliverEvent(NotificationEvent event) {
        return sink.post(envelope(event));
    }

    ObjectNode envelope(NotificationEvent event) {
        return envelopes.wrap(event, envelopeStyle);
    }

    boolean lock(Dial dial) {
        boolean locked = contacts.activate(dial.contactListId(), dial.contactId(), dial.conversationId());
        if (locked) {
            activeDials.add(dial);
        }
        return locked;
    }

    void release(Dial dial, String phoneColumn, Instant attemptStarted, String wrapupCode) {
        contacts.recordCallAttempt(dial.contactListId(), dial.contactId(), phoneColumn, attemptStarted, wrapupCode);
        contacts.deactivate(dial.contactListId(), dial.contactId(), dial.conversationId());
        activeDials.remove(dial);
    }

    /** Stops campaigns and forgets dials and deliveries; the contact locks go with the contacts. */
    void reset() {
        campaigns.forEach(CampaignRun::stopWithoutFinishing);
        campaigns.clear();
        activeDials.clear();
        sink.clear();
    }

    void close() {
        campaigns.forEach(CampaignRun::stopWithoutFinishing);
    }

    /** The column dialed: the first whose name mentions a phone, else the first whose value looks like a number. */
    static String phoneColumn(Map<String, String> data) {
        for (String column : data.keySet()) {
            String lower = column.toLowerCase(Locale.ROOT);
            if (lower.contains("phone") || lower.contains("mobile") || lower.contains("cell")) {
                return column;
            }
        }
        for (Map.Entry<String, String> e : data.entrySet()) {
            if (e.getValue().matches("\\+?[0-9 ()-]{7,}")) {
                return e.getKey();
            }
        }
        return null;
    }

    private static String phoneType(String column) {
        if (column == null) {
            return "UNKNOWN";
        }
        String lower = column.toLowerCase(Locale.ROOT);
        if (lower.contains("cell") || lower.contains("mobile")) {
            return "CELL";
        }
        if (lower.contains("home")) {
            return "HOME";
        }
        if (lower.contains("work")) {
            return "WORK";
        }
        return "UNKNOWN";
    }
}
