package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code GET} and {@code PUT /api/v2/outbound/contactlists/{contactListId}/contacts/{contactId}}.
 * Order of checks, as upstream: bearer token (401), rate limit (429), scripted fault, body
 * validation (400), existence (404), active dial (409).
 */
final class ContactEndpoint {

    static final Pattern PATH = Pattern.compile("^/api/v2/outbound/contactlists/([^/]+)/contacts/([^/]+)$");

    private final SimulatedOAuth oauth;
    private final SimulatedRateLimit rateLimit;
    private final FaultPlan faults;
    private final SimulatedContacts contacts;
    private final DialerContactSchema schema;
    private final RequestLog log;
    private final ObjectMapper mapper;

    ContactEndpoint(
            SimulatedOAuth oauth,
            SimulatedRateLimit rateLimit,
            FaultPlan faults,
            SimulatedContacts contacts,
            DialerContactSchema schema,
            RequestLog log,
            ObjectMapper mapper) {
        this.oauth = oauth;
        this.rateLimit = rateLimit;
        this.faults = faults;
        this.contacts = contacts;
        this.schema = schema;
        this.log = log;
        this.mapper = mapper;
    }

    Reply handle(IncomingRequest request, Matcher path) {
        String contactListId = path.group(1);
        String contactId = path.group(2);
        Reply reply = answer(request, contactListId, contactId);
        if ("PUT".equals(request.method())) {
            log.recordPut(new RecordedPut(
                    request.receivedAt(),
                    contactListId,
                    contactId,
                    reply.clientId(),
                    ContactBodies.parseOrNull(mapper, request.body()),
                    request.body(),
                    reply.status()));
        }
        return reply;
    }

    private Reply answer(IncomingRequest request, String contactListId, String contactId) {
        FaultPlan.Operation operation;
        if ("GET".equals(request.method())) {
            operation = FaultPlan.Operation.GET_CONTACT;
        } else if ("PUT".equals(request.method())) {
            operation = FaultPlan.Operation.PUT_CONTACT;
        } else {
            return Reply.error(
                    GenesysErrorBody.of(
                            405,
                            "method.not.allowed",
                            "HTTP method " + request.method() + " is not supported by the simulator"),
                    request.correlationId(),
                    null);
        }
        SimulatedOAuth.BearerCheck bearer = oauth.checkBearer(request.header("Authorization"));
        if (!bearer.accepted()) {
            return Reply.error(unauthorized(bearer.rejection()), request.correlationId(), null);
        }
        String clientId = bearer.clientId();
        SimulatedRateLimit.Decision decision = rateLimit.tryAcquire(clientId);
        Reply reply = decision.allowed()
                ? scriptedOrNormal(operation, request, contactListId, contactId, clientId)
                : Reply.tooManyRequests(decision, request.correlationId(), clientId);
        return reply.withHeaderIfAbsent("inin-ratelimit-count", Integer.toString(decision.count()))
                .withHeaderIfAbsent("inin-ratelimit-allowed", Integer.toString(decision.limit()))
                .withHeaderIfAbsent("inin-ratelimit-reset", Long.toString(decision.resetSeconds()));
    }

    private Reply scriptedOrNormal(
            FaultPlan.Operation operation,
            IncomingRequest request,
            String contactListId,
            String contactId,
            String clientId) {
        Optional<ScriptedResponse> scripted = faults.take(operation, contactId);
        if (scripted.isPresent() && !scripted.get().applyRequest()) {
            FaultPlan.pause(scripted.get().delay());
            return Reply.scripted(scripted.get(), clientId);
        }
        Reply normal = operation == FaultPlan.Operation.GET_CONTACT
                ? get(request, contactListId, contactId, clientId)
                : put(request, contactListId, contactId, clientId);
        if (scripted.isPresent()) {
            FaultPlan.pause(scripted.get().delay());
            return Reply.scripted(scripted.get(), clientId);
        }
        return normal;
    }

    private Reply get(IncomingRequest request, String contactListId, String contactId, String clientId) {
        return contacts.get(contactListId, contactId)
                .map(contact -> Reply.json(200, contact.toDialerContact(), clientId))
                .orElseGet(() -> Reply.error(notFound(), request.correlationId(), clientId));
    }

    private Reply put(IncomingRequest request, String contactListId, String contactId, String clientId) {
        JsonNode body = ContactBodies.parseOrNull(mapper, request.body());
        if (body == null) {
            return Reply.error(
                    GenesysErrorBody.of(
                            400,
                            "bad.request",
                            "The request could not be understood by the server due to malformed syntax."),
                    request.correlationId(),
                    clientId);
        }
        List<DialerContactSchema.Violation> violations = schema.violations(body);
        if (!violations.isEmpty()) {
            return Reply.error(invalidBody(violations), request.correlationId(), clientId);
        }
        Optional<FaultPlan.RefusedValue> refused = faults.refusedIn(ContactBodies.textMap(body.get("data")));
        if (refused.isPresent()) {
            ObjectNode detail = JsonNodeFactory.instance.objectNode();
            detail.put("errorCode", "INVALID_VALUE");
            detail.put("fieldName", "data." + refused.get().column());
            return Reply.error(
                    GenesysErrorBody.withParams(
                                    400,
                                    "bad.request",
                                    "The value of column {column} is not valid for this contact list.",
                                    Map.of("column", refused.get().column()))
                            .withDetails(List.of(detail)),
                    request.correlationId(),
                    clientId);
        }
        String bodyListId = body.get("contactListId").asText();
        if (!bodyListId.equals(contactListId)) {
            return Reply.error(
                    GenesysErrorBody.withParams(
                            400,
                            "bad.request",
                            "The contactListId in the body ({bodyContactListId}) does not match the contactListId in the path ({pathContactListId}).",
                            Map.of("bodyContactListId", bodyListId, "pathContactListId", contactListId)),
                    request.correlationId(),
                    clientId);
        }
        SimulatedContacts.PutResult result = contacts.applyPut(
                contactListId,
                contactId,
                ContactBodies.textMap(body.get("data")),
                textOrNull(body.get("name")),
                booleanOrNull(body.get("callable")),
                ContactBodies.phoneNumberStatus(body.get("phoneNumberStatus")));
        switch (result.outcome()) {
            case NOT_FOUND:
                return Reply.error(notFound(), request.correlationId(), clientId);
            case ACTIVE_DIAL:
                return Reply.error(activeDial(contactListId, contactId), request.correlationId(), clientId);
            default:
                return Reply.json(200, result.contact().toDialerContact(), clientId);
        }
    }

    /**
     * No Genesys document gives the body of this 409, so it is a Genesys-shaped body with an
     * invented but descriptive code. dialgate should key on the status, not on the code.
     */
    static GenesysErrorBody activeDial(String contactListId, String contactId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("contactId", contactId);
        params.put("contactListId", contactListId);
        return GenesysErrorBody.withParams(
                409,
                "conflict",
                "Contact {contactId} of contact list {contactListId} is in an active dial and cannot be updated until the dial ends.",
                params);
    }

    static GenesysErrorBody unauthorized(SimulatedOAuth.Rejection rejection) {
        return rejection == SimulatedOAuth.Rejection.MISSING
                ? GenesysErrorBody.of(
                        401,
                        "authentication.required",
                        "No authentication bearer token specified in authorization header.")
                : GenesysErrorBody.of(401, "bad.credentials", "Invalid login credentials.");
    }

    private static GenesysErrorBody notFound() {
        return GenesysErrorBody.of(404, "not.found", "The requested contact was not found.");
    }

    private static GenesysErrorBody invalidBody(List<DialerContactSchema.Violation> violations) {
        String message =
                violations.stream().map(DialerContactSchema.Violation::message).collect(Collectors.joining("; "));
        List<ObjectNode> details = violations.stream()
                .map(v -> {
                    ObjectNode detail = JsonNodeFactory.instance.objectNode();
                    detail.put("errorCode", v.errorCode());
                    detail.put("fieldName", v.fieldName());
                    return detail;
                })
                .toList();
        return GenesysErrorBody.of(400, "bad.request", message).withDetails(details);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Boolean booleanOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asBoolean();
    }
}
