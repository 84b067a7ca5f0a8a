package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The two bulk operations of a contact list: {@code POST …/contacts/bulk} (ids → the contacts, at most 50) and the
 * upsert {@code POST …/contacts} (WritableDialerContacts, at most 1,000; query {@code priority}, {@code clearSystemData},
 * {@code doNotQueue}). Order of checks as for one contact: bearer token (401), rate limit (429, one request whatever
 * its size), scripted fault, body validation and size (400), active dial (409).
 *
 * <p>Assumptions where Genesys documents nothing: the bulk read leaves out ids the list does not have; the upsert is
 * all or nothing — one contact in an active dial, or one contact Genesys will not take, refuses the whole request (the
 * worst case for a client, which must then find the culprit itself).
 */
final class BulkContactsEndpoint {

    static final Pattern PATH = Pattern.compile("^/api/v2/outbound/contactlists/([^/]+)/contacts(/bulk)?$");
    /** Documented in the 2018 Swagger document's error codes (too.many.contacts.requested / .added). */
    static final int MAX_READ = 50;

    static final int MAX_UPSERT = 1000;

    private final SimulatedOAuth oauth;
    private final SimulatedRateLimit rateLimit;
    private final FaultPlan faults;
    private final SimulatedContacts contacts;
    private final DialerContactSchema schema;
    private final RequestLog log;
    private final ObjectMapper mapper;

    BulkContactsEndpoint(
            SimulatedOAuth oauth,
            SimulatedRateLimit rateLimit,
            FaultPlan faults,
            SimulatedContacts contacts,
            DialerContactSchema writableSchema,
            RequestLog log,
            ObjectMapper mapper) {
        this.oauth = oauth;
        this.rateLimit = rateLimit;
        this.faults = faults;
        this.contacts = contacts;
        this.schema = writableSchema;
        this.log = log;
        this.mapper = mapper;
    }

    Reply handle(IncomingRequest request, Matcher path) {
        String contactListId = path.group(1);
        boolean read = path.group(2) != null;
        if (!"POST".equals(request.method())) {
            return Reply.error(
                    GenesysErrorBody.of(
                            405,
                            "method.not.allowed",
                            "HTTP method " + request.method() + " is not supported by the simulator on this path"),
                    request.correlationId(),
                    null);
        }
        SimulatedOAuth.BearerCheck bearer = oauth.checkBearer(request.header("Authorization"));
        if (!bearer.accepted()) {
            return Reply.error(ContactEndpoint.unauthorized(bearer.rejection()), request.correlationId(), null);
        }
        String clientId = bearer.clientId();
        SimulatedRateLimit.Decision decision = rateLimit.tryAcquire(clientId);
        JsonNode body = ContactBodies.parseOrNull(mapper, request.body());
        Reply reply;
        if (!decision.allowed()) {
            reply = Reply.tooManyRequests(decision, request.correlationId(), clientId);
        } else if (read) {
            reply = scriptedOr(
                    FaultPlan.Operation.BULK_READ,
                    List.of(),
                    clientId,
                    () -> read(request, body, contactListId, clientId));
        } else {
            reply = scriptedOr(
                    FaultPlan.Operation.UPSERT,
                    idsOf(body),
                    clientId,
                    () -> upsert(request, body, contactListId, clientId));
        }
        if (!read) {
            record(request, body, contactListId, reply);
        }
        return reply.withHeaderIfAbsent("inin-ratelimit-count", Integer.toString(decision.count()))
                .withHeaderIfAbsent("inin-ratelimit-allowed", Integer.toString(decision.limit()))
                .withHeaderIfAbsent("inin-ratelimit-reset", Long.toString(decision.resetSeconds()));
    }

    private Reply scriptedOr(
            FaultPlan.Operation operation,
            List<String> contactIds,
            String clientId,
            java.util.function.Supplier<Reply> normal) {
        Optional<ScriptedResponse> scripted = faults.take(operation, null);
        if (scripted.isEmpty() && operation == FaultPlan.Operation.UPSERT) {
            scripted = faults.upsertRefusal(contactIds);
        }
        if (scripted.isPresent()) {
            FaultPlan.pause(scripted.get().delay());
            return Reply.scripted(scripted.get(), clientId);
        }
        return normal.get();
    }

    private Reply read(IncomingRequest request, JsonNode body, String contactListId, String clientId) {
        if (body == null || !body.isArray() || !allText(body)) {
            return Reply.error(
                    badRequest("The body must be an array of contact ids."), request.correlationId(), clientId);
        }
        if (body.size() > MAX_READ) {
            return Reply.error(
                    GenesysErrorBody.of(
                            400,
                            "too.many.contacts.requested",
                            "Only " + MAX_READ + " contacts can be retrieved at a time."),
                    request.correlationId(),
                    clientId);
        }
        ArrayNode found = JsonNodeFactory.instance.arrayNode();
        body.forEach(id -> contacts.get(contactListId, id.asText()).ifPresent(c -> found.add(c.toDialerContact())));
        return Reply.json(200, found, clientId);
    }

    private Reply upsert(IncomingRequest request, JsonNode body, String contactListId, String clientId) {
        if (body == null || !body.isArray()) {
            return Reply.error(badRequest("The body must be an array of contacts."), request.correlationId(), clientId);
        }
        if (body.size() > MAX_UPSERT) {
            return Reply.error(
                    GenesysErrorBody.of(
                            400, "too.many.contacts.added", "Too many contacts added, the limit is " + MAX_UPSERT),
                    request.correlationId(),
                    clientId);
        }
        List<SimulatedContacts.Upsert> upserts = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode contact = body.get(i);
            int index = i;
            List<DialerContactSchema.Violation> violations = schema.violations(contact);
            if (!violations.isEmpty()) {
                String message = violations.stream()
                        .map(v -> "[" + index + "] " + v.message())
                        .collect(Collectors.joining("; "));
                return Reply.error(badRequest(message), request.correlationId(), clientId);
            }
            if (!contactListId.equals(contact.get("contactListId").asText())) {
                return Reply.error(
                        badRequest("The contactListId of contact [" + i
                                + "] does not match the contactListId in the path."),
                        request.correlationId(),
                        clientId);
            }
            if (!contact.path("id").isTextual()) {
                // Genesys would create a contact with an id of its own; dialgate always names the contact it writes.
                return Reply.error(
                        badRequest("The simulator needs the id of contact [" + i + "]."),
                        request.correlationId(),
                        clientId);
            }
            upserts.add(new SimulatedContacts.Upsert(
                    contact.get("id").asText(),
                    ContactBodies.textMap(contact.get("data")),
                    contact.hasNonNull("callable") ? contact.get("callable").asBoolean() : null,
                    ContactBodies.phoneNumberStatus(contact.get("phoneNumberStatus"))));
        }
        SimulatedContacts.UpsertResult result =
                contacts.upsert(contactListId, upserts, "true".equals(request.queryParameter("clearSystemData")));
        if (result.inActiveDial().isPresent()) {
            return Reply.error(
                    ContactEndpoint.activeDial(
                            contactListId, result.inActiveDial().get()),
                    request.correlationId(),
                    clientId);
        }
        ArrayNode written = JsonNodeFactory.instance.arrayNode();
        result.written().forEach(c -> written.add(c.toDialerContact()));
        return Reply.json(200, written, clientId);
    }

    private void record(IncomingRequest request, JsonNode body, String contactListId, Reply reply) {
        List<String> ids = idsOf(body);
        log.recordUpsert(new RecordedUpsert(
                request.receivedAt(),
                contactListId,
                reply.clientId(),
                request.queryParameter("priority"),
                request.queryParameter("clearSystemData"),
                request.queryParameter("doNotQueue"),
                ids,
                reply.status()));
        if (body != null && body.isArray()) {
            for (JsonNode contact : body) {
                log.recordPut(new RecordedPut(
                        request.receivedAt(),
                        contactListId,
                        contact.path("id").asText(null),
                        reply.clientId(),
                        contact,
                        contact.toString(),
                        reply.status()));
            }
        }
    }

    private static List<String> idsOf(JsonNode body) {
        List<String> ids = new ArrayList<>();
        if (body != null && body.isArray()) {
            body.forEach(contact -> {
                if (contact.path("id").isTextual()) {
                    ids.add(contact.path("id").asText());
                }
            });
        }
        return ids;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static GenesysErrorBody badRequest(String message) {
        return GenesysErrorBody.of(400, "bad.request", message);
    }
}
