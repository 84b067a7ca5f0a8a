package io.dialgate.genesys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The two bulk operations of a contact list (shared/genesys-spec/openapi-outbound-subset*.json): many contacts read
 * or written in one call. Both return the raw response: every status is a decision for the dispatcher.
 */
@Path("/api/v2/outbound/contactlists/{contactListId}/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface GenesysBulkContactsApi {

    /** {@code postOutboundContactlistContactsBulk}: the contacts of these ids, as DialerContacts (at most 50 ids). */
    @POST
    @Path("/bulk")
    Response read(
            @PathParam("contactListId") String contactListId,
            @HeaderParam("Authorization") String bearer,
            List<String> contactIds);

    /**
     * {@code postOutboundContactlistContacts}: adds or updates these WritableDialerContacts (at most 1,000).
     * dialgate always sends {@code priority=false&clearSystemData=false&doNotQueue=true}: the system columns (attempts,
     * callable status) stay, and a contact already dialed is not queued again.
     */
    @POST
    Response upsert(
            @PathParam("contactListId") String contactListId,
            @QueryParam("priority") boolean priority,
            @QueryParam("clearSystemData") boolean clearSystemData,
            @QueryParam("doNotQueue") boolean doNotQueue,
            @HeaderParam("Authorization") String bearer,
            ArrayNode contacts);
}
