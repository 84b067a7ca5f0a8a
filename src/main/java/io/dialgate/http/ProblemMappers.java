package io.dialgate.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dialgate.failure.DomainException;
import io.dialgate.failure.FailureKind;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Duration;

/**
 * Turns every failure of a request into an {@code application/problem+json} response, so a client always learns what
 * was wrong, and never sees a stack trace or an internal message.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem(), e.retryAfter().orElse(null));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return respond(Problem.of(400, "Bad Request", "The body is not valid JSON: " + e.getOriginalMessage()), null);
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        return respond(Problem.of(status, title, describe(status, e)), null);
    }

    /** Every refusal of the domain (invalid input, unknown caller, conflict, store down ...), by its kind. */
    @ServerExceptionMapper
    public Response refused(DomainException e) {
        if (e.kind() == FailureKind.UNAVAILABLE) {
            // The message names what did not answer (Redis ...); the client only gets the detail.
            LOG.warnf("Unavailable: %s", e.getMessage());
        }
        return respond(Problems.of(e), e.retryAfter().orElse(null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure handling a request", e);
        return respond(
                Problem.of(
                        500,
                        "Internal Server Error",
                        "An unexpected error occurred; nothing from this request was stored."),
                null);
    }

    private static String describe(int status, WebApplicationException e) {
        return switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "The requested media type cannot be produced; ask for application/json.";
            case 415 -> "The body must be application/json.";
            default -> e.getMessage() == null ? "The request could not be processed." : e.getMessage();
        };
    }

    private static Response respond(Problem problem, Duration retryAfter) {
        Response.ResponseBuilder response =
                Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter.toSeconds());
        }
        return response.build();
    }
}
