package io.dialgate.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.genesys.GenesysContacts;
import io.dialgate.genesys.GenesysReply;
import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Applies a batch of claimed contacts of one list in bulk: one bulk read per {@code bulk-read-size} merge contacts
 * (replace contacts need none), the merge per contact as in {@link ContactApplier}, then one upsert per
 * {@code bulk-write-size} contacts. Every request is one call of the tenant's budget and goes through its breaker.
 *
 * <p>An upsert Genesys refuses as a whole — 409 because one contact went into a dial, 400 because one contact is bad —
 * is split in halves and each half sent again, down to the one contact that causes it: the others are applied, and
 * only that one gets the refusal's outcome from the retry table (409: held, 400: dead letter). Any other answer (429,
 * 5xx, no answer, not sent) is every contact's outcome, as it would be for each alone. Each contact ends with its own
 * {@link ApplyOutcome}, handed to the caller as soon as it is known.
 */
@ApplicationScoped
public class BulkApplier {

    private static final Logger LOG = Logger.getLogger(BulkApplier.class);
    private static final String READ = "BULK_READ";
    private static final String UPSERT = "UPSERT";

    private final GenesysContacts genesys;
    private final DispatchStore store;
    private final Backoff busyBackoff;
    private final Backoff errorBackoff;

    public BulkApplier(GenesysContacts genesys, DispatchStore store, DispatchConfig config) {
        this.genesys = genesys;
        this.store = store;
        this.busyBackoff = new Backoff(config.backoffBase(), config.busyBackoffCap());
        this.errorBackoff = new Backoff(config.backoffBase(), config.errorBackoffCap());
    }

    /** A contact ready to be written, with the body the upsert carries for it. */
    private record Ready(ClaimedContact contact, ObjectNode body) {}

    /**
     * Applies {@code batch} (all of one contact list), handing each contact's outcome to {@code outcomes} as soon as it
     * is known — a half that was applied is recorded while its other half is still being split — so no lease waits for
     * the whole batch.
     */
    void apply(Tenant tenant, List<ClaimedContact> batch, BiConsumer<ClaimedContact, ApplyOutcome> outcomes) {
        List<Ready> ready = new ArrayList<>();
        List<ClaimedContact> toRead = new ArrayList<>();
        for (ClaimedContact contact : batch) {
            if (contact.replace()) {
                ready.add(new Ready(contact, WritableContacts.replacing(contact)));
            } else {
                toRead.add(contact);
            }
        }
        int readSize = tenant.applyPolicy().readSize();
        for (int from = 0; from < toRead.size(); from += readSize) {
            read(tenant, toRead.subList(from, Math.min(toRead.size(), from + readSize)), ready, outcomes);
        }
        int writeSize = tenant.applyPolicy().writeSize();
        for (int from = 0; from < ready.size(); from += writeSize) {
            List<Ready> chunk =
                    stillSendable(tenant, ready.subList(from, Math.min(ready.size(), from + writeSize)), outcomes);
            if (!chunk.isEmpty()) {
                write(tenant, chunk, outcomes);
            }
        }
    }

    private void read(
            Tenant tenant,
            List<ClaimedContact> contacts,
            List<Ready> ready,
            BiConsumer<ClaimedContact, ApplyOutcome> outcomes) {
        String list = contacts.get(0).contactListId();
        GenesysReply reply = genesys.bulkRead(
                tenant, list, contacts.stream().map(ClaimedContact::contactId).toList());
        if (!(reply instanceof GenesysReply.Answered answered) || !answered.ok()) {
            contacts.forEach(contact -> outcomes.accept(contact, outcomeOf(contact, READ, reply)));
            log(tenant, READ, reply, contacts.size());
            return;
        }
        Optional<Map<String, JsonNode>> found = byId(answered.body());
        if (found.isEmpty()) {
            // Not a list of contacts (a proxy's page, a truncated body): merging onto nothing would wipe columns.
            LOG.warnf(
                    "Tenant %s: Genesys answered a bulk read with %d but no list of contacts; retrying later",
                    tenant.name(), answered.status());
            contacts.forEach(contact -> outcomes.accept(contact, notRead(contact, answered.status(), NOT_A_LIST)));
            return;
        }
        for (ClaimedContact contact : contacts) {
            JsonNode current = found.get().get(contact.contactId());
            if (current == null) {
                outcomes.accept(contact, notFound(contact));
            } else if (!ContactApplier.isContact(Optional.of(current))) {
                outcomes.accept(contact, notRead(contact, answered.status(), NOT_A_CONTACT));
            } else {
                ready.add(new Ready(contact, WritableContacts.merging(current, contact)));
            }
        }
    }

    /**
     * The batch's last look before it writes: a contact that went into a dial while the batch waited for its turn of
     * the budget (dialgate heard the dial start) is held as a 409 would hold it, without sending it; one whose lease
     * was taken back is dropped (its completion would be refused anyway).
     */
    private List<Ready> stillSendable(
            Tenant tenant, List<Ready> chunk, BiConsumer<ClaimedContact, ApplyOutcome> outcomes) {
        Map<String, DispatchStore.HoldReason> held = store.holdCheck(
                tenant.name(), chunk.stream().map(Ready::contact).toList());
        if (held.isEmpty()) {
            return chunk;
        }
        List<Ready> sendable = new ArrayList<>();
        for (Ready ready : chunk) {
            DispatchStore.HoldReason reason = held.get(ready.contact().member());
            if (reason == null) {
                sendable.add(ready);
            } else if (reason == DispatchStore.HoldReason.DIAL) {
                outcomes.accept(ready.contact(), inADial(ready.contact()));
            } else {
                outcomes.accept(ready.contact(), ApplyOutcome.deferred(Duration.ZERO));
            }
        }
        return sendable;
    }

    /** Held until the dial ends (its postContact releases it) or the busy backoff passes, like a 409 but not sent. */
    private ApplyOutcome inADial(ClaimedContact contact) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("call", UPSERT);
        error.put("message", "the contact went into a dial before its write was sent; held until the dial ends");
        return new ApplyOutcome(
                ApplyOutcome.Kind.BUSY, busyBackoff.after(contact.failedAttempts()), error.toString(), "busy");
    }

    /** Sends one upsert; a whole refusal that one contact can cause (409, 400) is bisected to that contact. */
    private void write(Tenant tenant, List<Ready> batch, BiConsumer<ClaimedContact, ApplyOutcome> outcomes) {
        String list = batch.get(0).contact().contactListId();
        GenesysReply reply = genesys.upsert(
                tenant,
                list,
                WritableContacts.array(batch.stream().map(Ready::body).toList()));
        if (batch.size() > 1 && (reply.answered(409) || reply.answered(400))) {
            LOG.debugf(
                    "Tenant %s: an upsert of %d contacts was refused (%s); splitting it",
                    tenant.name(), batch.size(), ((GenesysReply.Answered) reply).status());
            int half = batch.size() / 2;
            write(tenant, batch.subList(0, half), outcomes);
            write(tenant, batch.subList(half, batch.size()), outcomes);
            return;
        }
        batch.forEach(ready -> outcomes.accept(ready.contact(), outcomeOf(ready.contact(), UPSERT, reply)));
        log(tenant, UPSERT, reply, batch.size());
    }

    private ApplyOutcome outcomeOf(ClaimedContact contact, String call, GenesysReply reply) {
        int failed = contact.failedAttempts();
        return RetryTable.outcome(
                call, reply, new RetryTable.Backoffs(busyBackoff.after(failed), errorBackoff.after(failed)));
    }

    /** The answer's contacts by id; empty when the body is not a JSON array. */
    private static Optional<Map<String, JsonNode>> byId(Optional<JsonNode> body) {
        if (body.isEmpty() || !body.get().isArray()) {
            return Optional.empty();
        }
        Map<String, JsonNode> byId = new HashMap<>();
        body.get().forEach(contact -> {
            if (contact.path("id").isTextual()) {
                byId.put(contact.path("id").asText(), contact);
            }
        });
        return Optional.of(byId);
    }

    private static final String NOT_A_LIST = "the answer is not a list of contacts";
    private static final String NOT_A_CONTACT =
            "the answer's entry is not a contact (an object with an object \"data\")";

    /** Read, but nothing to merge onto: retried like a failing Genesys, never written. */
    private ApplyOutcome notRead(ClaimedContact contact, int status, String why) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("call", READ);
        error.put("status", status);
        error.put("message", why);
        return new ApplyOutcome(
                ApplyOutcome.Kind.RETRY, errorBackoff.after(contact.failedAttempts()), error.toString(), "error");
    }

    /**
     * The bulk read leaves out ids the list does not have, where the GET of one contact answers 404: the same outcome
     * (a dead letter), with the same status.
     */
    private static ApplyOutcome notFound(ClaimedContact contact) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("call", READ);
        error.put("status", 404);
        error.put("code", "not.found");
        error.put("message", "the contact list has no contact " + contact.contactId());
        return new ApplyOutcome(ApplyOutcome.Kind.FAILED, Duration.ZERO, error.toString(), "failed");
    }

    private static void log(Tenant tenant, String call, GenesysReply reply, int contacts) {
        if (reply instanceof GenesysReply.Answered answered && !answered.ok()) {
            LOG.infof(
                    "Tenant %s: Genesys answered %d to a %s of %d contact(s) (code=%s, contextId=%s)",
                    tenant.name(),
                    answered.status(),
                    call,
                    contacts,
                    answered.field("code").orElse("-"),
                    answered.field("contextId").orElse("-"));
        } else if (reply instanceof GenesysReply.Unanswered) {
            LOG.debugf("Tenant %s: %s of %d contact(s) got no answer; retrying later", tenant.name(), call, contacts);
        }
    }
}
