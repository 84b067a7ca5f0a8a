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
import java.util.function.Function;

/**
 * Applies a batch of claimed contacts of one list in bulk: one bulk read per {@code bulk-read-size} merge contacts
 * (replace contacts need none), the merge per contact as in {@link ContactApplier}, then one upsert per
 * {@code bulk-write-size} contacts. Every request is one call of the tenant's budget and goes through its breaker.
 *
 * <p>The rules of one contact's apply hold for each contact of the batch. Each keeps its own lease: when a request's
 * turn of the budget has come, a contact whose lease may no longer call ({@link ApplyLease#mayCall()}) is left out
 * (deferred), and just before an upsert {@code hold-check.lua} leaves out a contact that went into a dial meanwhile
 * (held, as a 409 would hold it, nothing sent). A contact Genesys already holds with every written value (an earlier
 * upsert whose answer was lost did land) is applied without being sent again.
 *
 * <p>An upsert Genesys refuses as a whole — 409 because one contact went into a dial, 400/413/422 for what one contact
 * carries — is split in halves and each half sent again, down to the one contact that causes it: the others are
 * applied, and only that one gets the refusal's outcome from the retry table (409: held); a contact refused for its
 * content with several merged writes is split write by write as a refused PUT is ({@link ContactApplier#splitRefused}).
 * Any other answer (429, 5xx, no answer, not sent) is every contact's outcome, as it would be for each alone. Each
 * contact's {@link ApplyOutcome} is handed to the caller as soon as it is known.
 */
@ApplicationScoped
public class BulkApplier {

    private static final Logger LOG = Logger.getLogger(BulkApplier.class);
    private static final String READ = "BULK_READ";
    private static final String UPSERT = "UPSERT";
    private static final String NOT_A_LIST = "the answer is not a list of contacts";
    private static final String NOT_A_CONTACT =
            "the answer's entry is not a contact (an object with an object \"data\")";

    private final GenesysContacts genesys;
    private final DispatchStore store;
    private final ContactApplier single;
    private final Backoff busyBackoff;
    private final Backoff errorBackoff;

    public BulkApplier(GenesysContacts genesys, DispatchStore store, ContactApplier single, DispatchConfig config) {
        this.genesys = genesys;
        this.store = store;
        this.single = single;
        this.busyBackoff = Backoff.busy(config);
        this.errorBackoff = Backoff.error(config);
    }

    /** A contact ready to be written: the body the upsert carries for it, and what it was merged onto (if read). */
    private record Ready(ApplyLease lease, ObjectNode body, Optional<JsonNode> base) {
        ClaimedContact contact() {
            return lease.contact();
        }
    }

    /**
     * The members of one request, narrowed when its turn comes: those that may no longer be sent get their outcome
     * then and leave it. Mutable on purpose: the request is settled inside the call ({@link GenesysContacts}).
     */
    private static final class Request<T> {
        private List<T> members;

        Request(List<T> members) {
            this.members = List.copyOf(members);
        }
    }

    /**
     * Applies {@code batch} (all of one contact list), handing each contact's outcome to {@code outcomes} as soon as it
     * is known — a half that was applied is recorded while its other half is still being split — so no lease waits for
     * the whole batch.
     */
    void apply(Tenant tenant, List<ApplyLease> batch, BiConsumer<ApplyLease, ApplyOutcome> outcomes) {
        List<Ready> ready = new ArrayList<>();
        List<ApplyLease> toRead = new ArrayList<>();
        for (ApplyLease lease : batch) {
            if (lease.contact().replace()) {
                ready.add(new Ready(lease, WritableContacts.replacing(lease.contact()), Optional.empty()));
            } else {
                toRead.add(lease);
            }
        }
        int readSize = tenant.applyPolicy().readSize();
        for (int from = 0; from < toRead.size(); from += readSize) {
            read(tenant, toRead.subList(from, Math.min(toRead.size(), from + readSize)), ready, outcomes);
        }
        int writeSize = tenant.applyPolicy().writeSize();
        for (int from = 0; from < ready.size(); from += writeSize) {
            write(tenant, ready.subList(from, Math.min(ready.size(), from + writeSize)), outcomes);
        }
    }

    private void read(
            Tenant tenant,
            List<ApplyLease> contacts,
            List<Ready> ready,
            BiConsumer<ApplyLease, ApplyOutcome> outcomes) {
        String list = contacts.get(0).contact().contactListId();
        Request<ApplyLease> request = new Request<>(contacts);
        GenesysReply reply = genesys.bulkRead(tenant, list, () -> {
            request.members = stillLeased(request.members, lease -> lease, outcomes);
            return request.members.isEmpty()
                    ? Optional.empty()
                    : Optional.of(request.members.stream()
                            .map(lease -> lease.contact().contactId())
                            .toList());
        });
        if (!(reply instanceof GenesysReply.Answered answered) || !answered.ok()) {
            request.members.forEach(lease -> outcomes.accept(lease, outcomeOf(lease.contact(), READ, reply)));
            log(tenant, READ, reply, request.members.size());
            return;
        }
        Optional<Map<String, JsonNode>> found = byId(answered.body());
        if (found.isEmpty()) {
            // Not a list of contacts (a proxy's page, a truncated body): merging onto nothing would wipe columns.
            LOG.warnf(
                    "Tenant %s: Genesys answered a bulk read with %d but no list of contacts; retrying later",
                    tenant.name(), answered.status());
            request.members.forEach(
                    lease -> outcomes.accept(lease, notRead(lease.contact(), answered.status(), NOT_A_LIST)));
            return;
        }
        for (ApplyLease lease : request.members) {
            JsonNode current = found.get().get(lease.contact().contactId());
            if (current == null) {
                outcomes.accept(lease, notFound(lease.contact()));
            } else if (!ContactApplier.isContact(Optional.of(current))) {
                outcomes.accept(lease, notRead(lease.contact(), answered.status(), NOT_A_CONTACT));
            } else if (WrittenValues.heldBy(current, lease.contact())) {
                outcomes.accept(lease, ApplyOutcome.applied());
            } else {
                ready.add(new Ready(lease, WritableContacts.merging(current, lease.contact()), Optional.of(current)));
            }
        }
    }

    /**
     * Sends one upsert; a whole refusal that one contact can cause (409, or 400/413/422 for content) is bisected to
     * that contact.
     */
    private void write(Tenant tenant, List<Ready> batch, BiConsumer<ApplyLease, ApplyOutcome> outcomes) {
        String list = batch.get(0).contact().contactListId();
        Request<Ready> request = new Request<>(batch);
        GenesysReply reply;
        try {
            reply = genesys.upsert(tenant, list, () -> {
                request.members = lastLook(tenant, request.members, outcomes);
                return request.members.isEmpty()
                        ? Optional.empty()
                        : Optional.of(WritableContacts.array(
                                request.members.stream().map(Ready::body).toList()));
            });
        } finally {
            batch.forEach(ready -> ready.lease().putAnswered());
        }
        List<Ready> sent = request.members;
        if (sent.size() > 1 && (reply.answered(409) || RetryTable.refusesContent(reply))) {
            LOG.debugf(
                    "Tenant %s: an upsert of %d contacts was refused (%d); splitting it",
                    tenant.name(), sent.size(), ((GenesysReply.Answered) reply).status());
            int half = sent.size() / 2;
            write(tenant, sent.subList(0, half), outcomes);
            write(tenant, sent.subList(half, sent.size()), outcomes);
            return;
        }
        for (Ready ready : sent) {
            ApplyOutcome outcome = outcomeOf(ready.contact(), UPSERT, reply);
            if (RetryTable.refusesContent(reply)) {
                outcome = single.splitRefused(tenant, ready.lease(), ready.base(), outcome);
            }
            outcomes.accept(ready.lease(), outcome);
        }
        log(tenant, UPSERT, reply, sent.size());
    }

    /**
     * An upsert's last look, when its turn of the budget has come and just before it leaves: a contact whose lease may
     * no longer call is deferred; one that went into a dial since it was claimed (dialgate heard the dial start) is held
     * as a 409 would hold it, without sending it; one whose lease was taken back is dropped (its completion would be
     * refused anyway). The rest are marked sent first, so a shutdown never hands back the lease of an upsert that is
     * out ({@link ApplyLease#putOutstanding()}).
     */
    private List<Ready> lastLook(Tenant tenant, List<Ready> chunk, BiConsumer<ApplyLease, ApplyOutcome> outcomes) {
        chunk.forEach(ready -> ready.lease().putSent());
        List<Ready> leased = stillLeased(chunk, Ready::lease, outcomes);
        if (leased.isEmpty()) {
            return leased;
        }
        Map<String, DispatchStore.HoldReason> held = store.holdCheck(
                tenant.name(), leased.stream().map(Ready::contact).toList());
        if (held.isEmpty()) {
            return leased;
        }
        List<Ready> sendable = new ArrayList<>();
        for (Ready ready : leased) {
            DispatchStore.HoldReason reason = held.get(ready.contact().member());
            if (reason == null) {
                sendable.add(ready);
                continue;
            }
            ready.lease().putAnswered();
            outcomes.accept(
                    ready.lease(),
                    reason == DispatchStore.HoldReason.DIAL
                            ? ApplyOutcome.inADial(
                                    UPSERT, busyBackoff.after(ready.contact().failedAttempts()))
                            : ApplyOutcome.deferred(Duration.ZERO));
        }
        return sendable;
    }

    /** The members whose lease may still call; the others are deferred at once (no attempt counted). */
    private static <T> List<T> stillLeased(
            List<T> members, Function<T, ApplyLease> leaseOf, BiConsumer<ApplyLease, ApplyOutcome> outcomes) {
        List<T> leased = new ArrayList<>();
        for (T member : members) {
            ApplyLease lease = leaseOf.apply(member);
            if (lease.mayCall()) {
                leased.add(member);
            } else {
                lease.putAnswered();
                outcomes.accept(lease, ApplyOutcome.deferred(Duration.ZERO));
            }
        }
        return leased;
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
