package io.dialgate.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.http.Problems;
import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/** Callbacks that failed for their whole retry window (newest first), and replaying one once the CRM is fixed. */
@Path("/v1/tenants/{tenant}/callbacks/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class CallbackDeadLettersResource {

    private static final int MAX_PAGE = 500;

    private final Tenants tenants;
    private final CallbackStore store;
    private final ObjectMapper json;
    private final CallbackWorkers wakeUps;

    public CallbackDeadLettersResource(Tenants tenants, CallbackStore store, ObjectMapper json,
            CallbackWorkers wakeUps) {
        this.tenants = tenants;
        this.store = store;
        this.json = json;
        this.wakeUps = wakeUps;
    }

    /** One page; {@code next} is the offset of the following page, absent on the last one. */
    @RegisterForReflection
    public record Page(List<CallbackDeadLetter> items, long total, Long next) {
    }

    /** The answer to a replay: the event is queued again under its id. */
    @RegisterForReflection
    public record Replayed(String id, String state) {
    }

    @GET
    public Page list(@RestPath String tenant, @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestQuery @DefaultValue("0") long offset, @RestQuery @DefaultValue("50") int limit) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw Problems.badRequest("offset must be 0 or more and limit 1-" + MAX_PAGE + ".");
        }
        CallbackStore.CallbackDeadLetterPage page = store.deadLetters(owner, offset, limit);
        return new Page(page.items().stream().map(item -> CallbackDeadLetter.of(item.id(), item.fields(), json))
                .toList(), page.total(), page.next());
    }

    @POST
    @Path("/{id}:retry")
    public Response retry(@RestPath String tenant, @RestPath String id,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        CallbackStore.Replay replay = store.replay(owner, id);
        if (replay instanceof CallbackStore.Replay.NotFound) {
            throw new UnknownCallbackException(id);
        }
        if (replay instanceof CallbackStore.Replay.NotDeadLettered) {
            throw new CallbackNotDeadLetteredException(id);
        }
        wakeUps.wake(owner.name());
        return Response.accepted(new Replayed(id, "QUEUED")).build();
    }
}
