package io.dialgate.genesys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The two Genesys Cloud Platform API operations dialgate calls (shared/genesys-spec/openapi-outbound-subset*.json).
 * Both return the raw response: every status is a decision for the dispatcher, not an exception.
 */
@Path("/api/v2/outbound/contactlists/{contactListId}/contacts/{contactId}")
@Produces(MediaType.APPLICATION_JSON)
public interface GenesysContactsApi {

    /** {@code getOutboundContactlistContact}: the contact as a DialerContact. */
    @GET
    Response get(
            @PathParam("contactListId") String contactListId,
            @PathParam("contactId") String contactId,
            @HeaderParam("Authorization") String bearer);

    /** {@code putOutboundContactlistContact}: replaces the contact (and all of its {@code data}); no If-Match exists. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    Response put(
            @PathParam("contactListId") String contactListId,
            @PathParam("contactId") String contactId,
            @HeaderParam("Authorization") String bearer,
            ObjectNode contact);
}
