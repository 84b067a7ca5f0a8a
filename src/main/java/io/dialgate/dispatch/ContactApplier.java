package io.dialgate.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.genesys.GenesysContacts;
import io.dialgate.genesys.GenesysReply;
import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies one claimed contact's merged writes to Genesys: GET the contact, set the written columns on its current data,
 * PUT it back (PUT replaces {@code data} as a whole, so the GET keeps the columns the CRM did not send); replace mode
 * writes through the upsert of that one contact, with no read ({@code clearSystemData=false} keeps the system columns).
 * Genesys's answer decides the outcome; see the retry table in docs/DESIGN.md. Batches of contacts go through
 * {@link BulkApplier} instead.
 */
@ApplicationScoped
public class ContactApplier {

    private static final Logger LOG = Logger.getLogger(ContactApplier.class);
    /** DialerContact properties a PUT may carry (the others are readOnly in the spec and are not sent back). */
    private static final Set<String> WRITABLE = Set.of(
            "name",
            "contactListId",
            "data",
            "callable",
            "phoneNumberStatus",
            "contactableStatus",
            "latestWhatsAppEvaluations");

    private final GenesysContacts genesys;
    private final DispatchStore store;
    private final ObjectMapper json;
    private final Backoff busyBackoff;
    private final Backoff errorBackoff;

    public ContactApplier(GenesysContacts genesys, DispatchStore store, ObjectMapper json, DispatchConfig config) {
        this.genesys = genesys;
        this.store = store;
        this.json = json;
        this.busyBackoff = Backoff.busy(config);
        this.errorBackoff = Backoff.error(config);
    }

    /**
     * Applies the leased contact's writes. Before each Genesys call the lease is checked: a lost lease or a passed
     * deadline makes no call (the writes are deferred; complete.lua drops the outcome of a lost lease); and right before
     * the PUT leaves, a dial dialgate heard of since the claim holds the writes unsent ({@link LastLook}). In merge mode,
     * a contact that Genesys already holds with every written value (a PUT whose answer was lost did land) is applied
     * without a PUT. When Genesys refuses the PUT of several merged writes for their content, they are split
     * ({@link Split}).
     */
    ApplyOutcome apply(Tenant tenant, ApplyLease lease) {
        ClaimedContact contact = lease.contact();
        Optional<JsonNode> base = Optional.empty();
        if (!contact.replace()) {
            Read read = read(tenant, lease, contact);
            if (read instanceof Read.Failed failed) {
                return failed.outcome();
            }
            base = Optional.of(((Read.Contact) read).body());
            if (WrittenValues.heldBy(base.get(), contact)) {
                LOG.debugf("Tenant %s: Genesys already holds every written value; no PUT", tenant.name());
                return ApplyOutcome.applied();
            }
        }
        Put put = put(tenant, lease, contact, base);
        if (put.refusedForItsContent()) {
            return splitRefused(tenant, lease, base, put.outcome());
        }
        return put.outcome();
    }

    /**
     * Genesys refused the contact's merged writes together for their content ({@code refusal}): several writes are
     * tried again in parts ({@link Split}) so that only the one it refuses fails; a single write just fails.
     * {@code base}: the contact as last read, when it was (a part then needs no GET of its own). Also how a bulk apply
     * settles the one contact its bisection found refused.
     */
    ApplyOutcome splitRefused(Tenant tenant, ApplyLease lease, Optional<JsonNode> base, ApplyOutcome refusal) {
        ClaimedContact contact = lease.contact();
        if (contact.writeIds().size() > 1) {
            Optional<List<OwnWrite>> writes = store.ownWrites(tenant.name(), contact);
            if (writes.isPresent()) {
                return new Split(tenant, lease, contact, base).settle(writes.get(), refusal);
            }
        }
        return refusal;
    }

    /** What a GET of the contact gave: the contact, or the outcome that ends the apply. */
    private sealed interface Read {
        record Contact(JsonNode body) implements Read {}

        record Failed(ApplyOutcome outcome) implements Read {}
    }

    private Read read(Tenant tenant, ApplyLease lease, ClaimedContact contact) {
        if (!lease.mayCall()) {
            return new Read.Failed(ApplyOutcome.deferred(Duration.ZERO));
        }
        GenesysReply current = genesys.get(tenant, contact.contactListId(), contact.contactId());
        if (!(current instanceof GenesysReply.Answered answered) || !answered.ok()) {
            return new Read.Failed(outcomeOf(tenant, contact, "GET", current));
        }
        if (!isContact(answered.body())) {
            return new Read.Failed(notAContact(tenant, contact, answered));
        }
        return new Read.Contact(answered.body().get());
    }

    /**
     * How one PUT ended, with what was sent. {@code refusedForItsContent}: Genesys refused it for good for what it
     * carries (RetryTable.refusesContent), so a part of it may still be taken.
     */
    private record Put(ApplyOutcome outcome, ObjectNode sent, boolean refusedForItsContent) {}

    /**
     * The PUT of a merge, or the upsert of this one contact in replace mode. Its {@link LastLook} is taken when the
     * call's turn of the budget has come, right before it leaves.
     */
    private Put put(Tenant tenant, ApplyLease lease, ClaimedContact contact, Optional<JsonNode> base) {
        ObjectNode update = merged(base, contact);
        // Marked sent before the check: a shutdown releasing leases stops the lease, then looks for a PUT out.
        lease.putSent();
        if (!lease.mayCall()) {
            lease.putAnswered();
            return new Put(ApplyOutcome.deferred(Duration.ZERO), update, false);
        }
        String call = contact.replace() ? "UPSERT" : "PUT";
        LastLook look = new LastLook(tenant, lease, call);
        try {
            GenesysReply reply = contact.replace()
                    ? genesys.upsert(
                            tenant,
                            contact.contactListId(),
                            () -> look.passes()
                                    ? Optional.of(WritableContacts.array(List.of(WritableContacts.replacing(contact))))
                                    : Optional.empty())
                    : genesys.put(
                            tenant,
                            contact.contactListId(),
                            contact.contactId(),
                            () -> look.passes() ? Optional.of(update) : Optional.empty());
            if (look.heldBack.isPresent()) {
                return new Put(look.heldBack.get(), update, false);
            }
            ApplyOutcome outcome = outcomeOf(tenant, contact, call, reply);
            return new Put(outcome, update, RetryTable.refusesContent(reply));
        } finally {
            lease.putAnswered();
        }
    }

    /**
     * A PUT's last look at Redis when its turn has come: the GET before it and the budget's wait take from milliseconds
     * to seconds, and a dial that started meanwhile would get the PUT refused with 409 at best and, at worst, race the
     * dialer's wrap-up. A contact that went into a dial dialgate heard of is held as a 409 would hold it, unsent; one
     * whose lease may no longer call, or was taken back, is deferred. One script call ({@code hold-check.lua}).
     */
    private final class LastLook {
        private final Tenant tenant;
        private final ApplyLease lease;
        private final String call;
        private Optional<ApplyOutcome> heldBack = Optional.empty();

        LastLook(Tenant tenant, ApplyLease lease, String call) {
            this.tenant = tenant;
            this.lease = lease;
            this.call = call;
        }

        /** Whether the call may leave now; asked again if a 401 makes it repeat with a new token. */
        boolean passes() {
            ClaimedContact contact = lease.contact();
            if (!lease.mayCall()) {
                heldBack = Optional.of(ApplyOutcome.deferred(Duration.ZERO));
            } else {
                heldBack = Optional.ofNullable(
                                store.holdCheck(tenant.name(), List.of(contact)).get(contact.member()))
                        .map(reason -> reason == DispatchStore.HoldReason.DIAL
                                ? ApplyOutcome.inADial(call, busyBackoff.after(contact.failedAttempts()))
                                : ApplyOutcome.deferred(Duration.ZERO));
            }
            return heldBack.isEmpty();
        }
    }

    /**
     * Issue 10, hole 3: Genesys refused the PUT of several merged writes for its content (400 and kin). The writes are
     * tried again in halves, oldest first, each half on top of what Genesys holds by then, and a refused half is
     * halved again: only a write refused on its own fails (with Genesys's answer to it), the others are applied, in
     * their order, so the newest value still lands last. About 2·log2(n) calls per bad write. A call that cannot be
     * made or gets another answer (busy, retry, lease lost) stops the split: the writes not decided get that outcome.
     */
    private final class Split {
        private final Tenant tenant;
        private final ApplyLease lease;
        private final ClaimedContact all;
        private Optional<JsonNode> base;
        private final List<String> applied = new ArrayList<>();
        private final List<ApplyOutcome.Refused> failed = new ArrayList<>();
        private Optional<ApplyOutcome> stoppedWith = Optional.empty();

        Split(Tenant tenant, ApplyLease lease, ClaimedContact all, Optional<JsonNode> base) {
            this.tenant = tenant;
            this.lease = lease;
            this.all = all;
            this.base = base;
        }

        ApplyOutcome settle(List<OwnWrite> writes, ApplyOutcome refusal) {
            LOG.infof(
                    "Tenant %s: Genesys refused the PUT of %d merged writes; trying them in parts",
                    tenant.name(), writes.size());
            settleRefused(writes, refusal);
            ApplyOutcome.Split decided = new ApplyOutcome.Split(applied, failed);
            return stoppedWith.orElseGet(ApplyOutcome::applied).after(decided);
        }

        private void settleRefused(List<OwnWrite> group, ApplyOutcome refusal) {
            if (group.size() == 1) {
                failed.add(new ApplyOutcome.Refused(group.get(0).writeId(), refusal.errorJson()));
                return;
            }
            int half = group.size() / 2;
            tryPart(group.subList(0, half));
            tryPart(group.subList(half, group.size()));
        }

        private void tryPart(List<OwnWrite> group) {
            if (stoppedWith.isPresent()) {
                return;
            }
            ClaimedContact part = all.only(group);
            Optional<JsonNode> partBase = Optional.empty();
            if (!part.replace()) {
                if (base.isEmpty()) {
                    Read read = read(tenant, lease, part);
                    if (read instanceof Read.Failed readFailed) {
                        stoppedWith = Optional.of(readFailed.outcome());
                        return;
                    }
                    base = Optional.of(((Read.Contact) read).body());
                }
                partBase = base;
            }
            Put put = put(tenant, lease, part, partBase);
            if (put.outcome().kind() == ApplyOutcome.Kind.APPLIED) {
                group.forEach(write -> applied.add(write.writeId()));
                base = Optional.of(put.sent());
            } else if (put.refusedForItsContent()) {
                settleRefused(group, put.outcome());
            } else {
                stoppedWith = Optional.of(put.outcome());
            }
        }
    }

    /**
     * The contact as Genesys has it with the pending columns and statuses set on top (merge mode); or, in replace mode
     * (no current contact), just what the CRM sent: its data is the complete data.
     */
    static ObjectNode merged(Optional<JsonNode> current, ClaimedContact contact) {
        ObjectNode update = JsonNodeFactory.instance.objectNode();
        if (current.isPresent() && current.get().isObject()) {
            current.get().fields().forEachRemaining(field -> {
                if (WRITABLE.contains(field.getKey())) {
                    update.set(field.getKey(), field.getValue().deepCopy());
                }
            });
        }
        update.put("contactListId", contact.contactListId());
        ObjectNode data = update.has("data") && update.get("data").isObject()
                ? (ObjectNode) update.get("data")
                : update.putObject("data");
        contact.data().forEach(data::put);
        if (!contact.phoneNumberStatus().isEmpty()) {
            ObjectNode phones = update.has("phoneNumberStatus")
                            && update.get("phoneNumberStatus").isObject()
                    ? (ObjectNode) update.get("phoneNumberStatus")
                    : update.putObject("phoneNumberStatus");
            contact.phoneNumberStatus()
                    .forEach((column, callable) -> phones.putObject(column).put("callable", callable));
        }
        contact.callable().ifPresent(callable -> update.put("callable", callable));
        return update;
    }

    /** A DialerContact as a PUT needs it back: an object whose {@code data} is an object. */
    static boolean isContact(Optional<JsonNode> body) {
        return body.filter(JsonNode::isObject)
                .filter(contact -> contact.path("data").isObject())
                .isPresent();
    }

    /**
     * A 2xx GET that is not a contact (a proxy's page, an empty or truncated body): PUT replaces {@code data} whole, so
     * merging onto it would wipe every column the CRM did not send. Retried like a failing Genesys, never PUT.
     */
    private ApplyOutcome notAContact(Tenant tenant, ClaimedContact contact, GenesysReply.Answered reply) {
        LOG.warnf(
                "Tenant %s: Genesys answered GET of a contact with %d but no contact in the body; retrying later",
                tenant.name(), reply.status());
        ObjectNode error = json.createObjectNode();
        error.put("call", "GET");
        error.put("status", reply.status());
        error.put("message", "the answer is not a contact (an object with an object \"data\")");
        return new ApplyOutcome(
                ApplyOutcome.Kind.RETRY, errorBackoff.after(contact.failedAttempts()), error.toString(), "error");
    }

    private ApplyOutcome outcomeOf(Tenant tenant, ClaimedContact contact, String call, GenesysReply reply) {
        int failed = contact.failedAttempts();
        ApplyOutcome outcome = RetryTable.outcome(
                call, reply, new RetryTable.Backoffs(busyBackoff.after(failed), errorBackoff.after(failed)));
        log(tenant, call, reply, outcome.kind());
        return outcome;
    }

    private static void log(Tenant tenant, String call, GenesysReply reply, ApplyOutcome.Kind kind) {
        if (!(reply instanceof GenesysReply.Answered answered)) {
            LOG.debugf("Tenant %s: %s got no answer; retrying later", tenant.name(), call);
        } else if (kind == ApplyOutcome.Kind.BUSY) {
            LOG.infof(
                    "Tenant %s: Genesys answered 409 to %s of a contact (code=%s, contextId=%s); holding it",
                    tenant.name(),
                    call,
                    answered.field("code").orElse("-"),
                    answered.field("contextId").orElse("-"));
        } else if (kind == ApplyOutcome.Kind.RETRY) {
            LOG.debugf("Tenant %s: %s answered %d; retrying later", tenant.name(), call, answered.status());
        } else if (kind == ApplyOutcome.Kind.FAILED) {
            LOG.infof(
                    "Tenant %s: Genesys refused %s with %d (code=%s, contextId=%s); the writes fail",
                    tenant.name(),
                    call,
                    answered.status(),
                    answered.field("code").orElse("-"),
                    answered.field("contextId").orElse("-"));
        }
    }
}
