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

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies one claimed contact's merged writes to Genesys: GET the contact, set the written columns on its current data,
 * PUT it back (PUT replaces {@code data} as a whole, so the GET keeps the columns the CRM did not send); replace mode
 * writes through the upsert of that one contact, with no read. Genesys's answer decides the outcome; see the retry
 * table in docs/DESIGN.md. Batches of contacts go through {@link BulkApplier} instead.
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
    private final ObjectMapper json;
    private final Backoff busyBackoff;
    private final Backoff errorBackoff;

    public ContactApplier(GenesysContacts genesys, ObjectMapper json, DispatchConfig config) {
        this.genesys = genesys;
        this.json = json;
        this.busyBackoff = new Backoff(config.backoffBase(), config.busyBackoffCap());
        this.errorBackoff = new Backoff(config.backoffBase(), config.errorBackoffCap());
    }

    ApplyOutcome apply(Tenant tenant, ClaimedContact contact) {
        if (contact.replace()) {
            // Through the upsert even alone: clearSystemData=false is documented to keep the system columns (attempts,
            // callable status), which a PUT without them is not.
            GenesysReply upsert = genesys.upsert(
                    tenant,
                    contact.contactListId(),
                    WritableContacts.array(List.of(WritableContacts.replacing(contact))));
            return outcomeOf(tenant, contact, "UPSERT", upsert);
        }
        GenesysReply current = genesys.get(tenant, contact.contactListId(), contact.contactId());
        if (!(current instanceof GenesysReply.Answered answered) || !answered.ok()) {
            return outcomeOf(tenant, contact, "GET", current);
        }
        if (!isContact(answered.body())) {
            return notAContact(tenant, contact, answered);
        }
        ObjectNode update = merged(answered.body(), contact);
        GenesysReply put = genesys.put(tenant, contact.contactListId(), contact.contactId(), update);
        return outcomeOf(tenant, contact, "PUT", put);
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
