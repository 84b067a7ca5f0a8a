package io.dialgate.genesys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The notification channel and campaign operations dialgate calls (shared/genesys-spec, "Notifications" and "Outbound"
 * tags). Raw responses: the caller decides what each status means.
 */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
public interface GenesysPlatformApi {

    /** {@code postNotificationsChannels}: a new channel {@code {id, connectUri, expires}}. */
    @POST
    @Path("/notifications/channels")
    Response createChannel(@HeaderParam("Authorization") String bearer);

    /** {@code headNotificationsChannel}: 200 while the channel exists, 404 once it is gone. */
    @HEAD
    @Path("/notifications/channels/{channelId}")
    Response channel(@PathParam("channelId") String channelId, @HeaderParam("Authorization") String bearer);

    /** {@code putNotificationsChannelSubscriptions}: replaces the channel's topics; answers each topic's state. */
    @PUT
    @Path("/notifications/channels/{channelId}/subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    Response subscribe(
            @PathParam("channelId") String channelId, @HeaderParam("Authorization") String bearer, ArrayNode topics);

    /** {@code getOutboundCampaign}: status, contact list and queue of a campaign. */
    @GET
    @Path("/outbound/campaigns/{campaignId}")
    Response campaign(@PathParam("campaignId") String campaignId, @HeaderParam("Authorization") String bearer);

    /** {@code getOutboundCampaignInteractions}: the campaign's pending, proceeding, previewing, interacting, scheduled. */
    @GET
    @Path("/outbound/campaigns/{campaignId}/interactions")
    Response interactions(@PathParam("campaignId") String campaignId, @HeaderParam("Authorization") String bearer);
}
