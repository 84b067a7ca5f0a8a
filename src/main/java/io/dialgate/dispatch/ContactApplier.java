package io.dialgate.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.genesys.GenesysContacts;
import io.dialgate.genesys.GenesysReply;
import io.dialgate.tenant.DialgateConfig;
import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;

/**
 * Applies a claimed contact's merged writes to Genesys: GET the contact, set the written columns on its current data,
 * PUT it back (PUT replaces {@code data} as a whole, so the GET keeps the columns the CRM did not send). Genesys's
 * answer decides the outcome; see the retry table in docs/DESIGN.md.
 */
@ApplicationScoped
public class ContactApplier {

    private static final Logger LOG = Logger.getLogger(ContactApplier.class);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
    /** DialerContact properties a PUT may carry (the others are readOnly in the spec and are not sent back). */
    private static final Set<String> WRITABLE = Set.of("name", "contactListId", "data", "callable",
            "phoneNumberStatus", "contactableStatus", "latestWhatsAppEvaluations");

    private final GenesysContacts genesys;
    private final ObjectMapper json;
    private final Backoff busyBackoff;
    private final Backoff errorBackoff;

    public ContactApplier(GenesysContacts genesys, ObjectMapper json, DialgateConfig config) {
        this.genesys = genesys;
        this.json = json;
        this.busyBackoff = new Backoff(config.dispatch().backoffBase(), config.dispatch().busyBackoffCap());
        this.errorBackoff = new Backoff(config.dispatch().backoffBase(), config.dispatch().errorBackoffCap());
    }

    ApplyOutcome apply(Tenant tenant, ClaimedContact contact) {
        JsonNode base = null;
        if (!contact.replace()) {
            GenesysReply current = genesys.get(tenant, contact.contactListId(), contact.contactId());
            if (!current.ok()) {
                return outcomeOf(tenant, contact, "GET", current);
            }
            if (!isContact(current.body())) {
                return notAContact(tenant, contact, current);
            }
            base = current.body();
        }
        ObjectNode update = merged(base, contact);
        GenesysReply put = genesys.put(tenant, contact.contactListId(), contact.contactId(), update);
        return put.ok() ? ApplyOutcome.applied() : outcomeOf(tenant, contact, "PUT", put);
    }

    /**
     * The contact as Genesys has it with the pending columns and statuses set on top (merge mode); or, in replace mode
     * (no current contact), just what the CRM sent: its data is the complete data.
     */
    ObjectNode merged(JsonNode current, ClaimedContact contact) {
        ObjectNode update = json.createObjectNode();
        if (current != null && current.isObject()) {
            current.fields().forEachRemaining(field -> {
                if (WRITABLE.contains(field.getKey())) {
                    update.set(field.getKey(), field.getValue().deepCopy());
                }
            });
        }
        update.put("contactListId", contact.contactListId());
        ObjectNode data = update.has("data") && update.get("data").isObject()
                ? (ObjectNode) update.get("data") : update.putObject("data");
        contact.data().forEach(data::put);
        if (!contact.phoneNumberStatus().isEmpty()) {
            ObjectNode phones = update.has("phoneNumberStatus") && update.get("phoneNumberStatus").isObject()
                    ? (ObjectNode) update.get("phoneNumberStatus") : update.putObject("phoneNumberStatus");
            contact.phoneNumberStatus().forEach((column, callable) -> phones.putObject(column).put("callable", callable));
        }
        contact.callable().ifPresent(callable -> update.put("callable", callable));
        return update;
    }

    /** A DialerContact as a PUT needs it back: an object whose {@code data} is an object. */
    static boolean isContact(JsonNode body) {
        return body != null && body.isObject() && body.path("data").isObject();
    }

    /**
     * A 2xx GET that is not a contact (a proxy's page, an empty or truncated body): PUT replaces {@code data} whole, so
     * merging onto it would wipe every column the CRM did not send. Retried like a failing Genesys, never PUT.
     */
    private ApplyOutcome notAContact(Tenant tenant, ClaimedContact contact, GenesysReply reply) {
        LOG.warnf("Tenant %s: Genesys answered GET of a contact with %d but no contact in the body; retrying later",
                tenant.name(), reply.status());
        ObjectNode error = json.createObjectNode();
        error.put("call", "GET");
        error.put("status", reply.status());
        error.put("message", "the answer is not a contact (an object with an object \"data\")");
        return new ApplyOutcome(ApplyOutcome.Kind.RETRY, errorBackoff.after(contact.failedAttempts()), error.toString(),
                "error");
    }

    private ApplyOutcome outcomeOf(Tenant tenant, ClaimedContact contact, String call, GenesysReply reply) {
        int status = reply.status();
        if (status == GenesysReply.NOT_SENT) {
            return ApplyOutcome.deferred(reply.retryAfter().orElse(DEFAULT_RETRY_AFTER));
        }
        String error = errorJson(call, reply);
        if (status == 429 && reply.retryAfter().filter(after -> after.getSeconds() > 180).isPresent()) {
            // The tenant is paused until then (GenesysCalls): the writes wait without it counting as an attempt.
            return new ApplyOutcome(ApplyOutcome.Kind.DEFER, reply.retryAfter().get(), error, "daily_limit");
        }
        if (status == 409) {
            LOG.infof("Tenant %s: Genesys answered 409 to %s of a contact (code=%s, contextId=%s); holding it",
                    tenant.name(), call, reply.field("code").orElse("-"), reply.field("contextId").orElse("-"));
            return new ApplyOutcome(ApplyOutcome.Kind.BUSY, busyBackoff.after(contact.failedAttempts()), error, "busy");
        }
        if (status == 429) {
            return new ApplyOutcome(ApplyOutcome.Kind.RETRY, reply.retryAfter().orElse(DEFAULT_RETRY_AFTER), error,
                    "rate_limited");
        }
        if (reply.genesysFailing() || status == 401 || status == 408) {
            LOG.debugf("Tenant %s: %s answered %d; retrying later", tenant.name(), call, status);
            return new ApplyOutcome(ApplyOutcome.Kind.RETRY, errorBackoff.after(contact.failedAttempts()), error,
                    status == 401 ? "unauthorized" : "error");
        }
        LOG.infof("Tenant %s: Genesys refused %s with %d (code=%s, contextId=%s); the writes fail", tenant.name(),
                call, status, reply.field("code").orElse("-"), reply.field("contextId").orElse("-"));
        return new ApplyOutcome(ApplyOutcome.Kind.FAILED, Duration.ZERO, error, "failed");
    }

    private String errorJson(String call, GenesysReply reply) {
        ObjectNode error = json.createObjectNode();
        error.put("call", call);
        error.put("status", reply.status());
        reply.field("code").ifPresent(code -> error.put("code", code));
        reply.field("message").ifPresent(message -> error.put("message", message));
        reply.field("contextId").ifPresent(contextId -> error.put("contextId", contextId));
        if (reply.failure() != null) {
            error.put("message", reply.failure());
        }
        return error.toString();
    }
}
