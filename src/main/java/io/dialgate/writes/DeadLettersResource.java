package io.dialgate.writes;

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

/** Failed writes (newest first), and putting one back into the pipeline once its cause is fixed. */
@Path("/v1/tenants/{tenant}/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    private static final int MAX_PAGE = 500;

    private final Tenants tenants;
    private final DeadLetters deadLetters;

    public DeadLettersResource(Tenants tenants, DeadLetters deadLetters) {
        this.tenants = tenants;
        this.deadLetters = deadLetters;
    }

    /** One page of dead letters; {@code next} is the offset of the following page, absent on the last one. */
    @RegisterForReflection
    public record Page(List<WriteStatus> items, long total, Long next) {}

    @GET
    public Page list(
            @RestPath String tenant,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestQuery @DefaultValue("0") long offset,
            @RestQuery @DefaultValue("50") int limit) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw Problems.badRequest("offset must be 0 or more and limit 1-" + MAX_PAGE + ".");
        }
        return deadLetters.page(owner, offset, limit);
    }

    @POST
    @Path("/{writeId}:retry")
    public Response retry(
            @RestPath String tenant,
            @RestPath String writeId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Tenant owner = tenants.authenticateCrm(tenant, authorization);
        return Response.accepted(deadLetters.retry(owner, writeId)).build();
    }
}
