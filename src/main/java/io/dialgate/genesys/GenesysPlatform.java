package io.dialgate.genesys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Notification channels and campaign reads on behalf of a tenant. Every call takes from the tenant's API budget like a
 * contact write does, so a reconciliation can never starve the writes beyond what its interval costs.
 */
@ApplicationScoped
public class GenesysPlatform {

    private final GenesysClients clients;
    private final AuthorizedCalls calls;

    GenesysPlatform(GenesysClients clients, AuthorizedCalls calls) {
        this.clients = clients;
        this.calls = calls;
    }

    public GenesysReply createChannel(Tenant tenant) {
        return calls.send(tenant, "CHANNEL", bearer -> clients.platform(tenant).createChannel(bearer));
    }

    public GenesysReply channel(Tenant tenant, String channelId) {
        return calls.send(
                tenant, "CHANNEL_CHECK", bearer -> clients.platform(tenant).channel(channelId, bearer));
    }

    public GenesysReply subscribe(Tenant tenant, String channelId, List<String> topics) {
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        topics.forEach(topic -> body.addObject().put("id", topic));
        return calls.send(
                tenant, "SUBSCRIBE", bearer -> clients.platform(tenant).subscribe(channelId, bearer, body));
    }

    public GenesysReply campaign(Tenant tenant, String campaignId) {
        return calls.send(tenant, "CAMPAIGN", bearer -> clients.platform(tenant).campaign(campaignId, bearer));
    }

    public GenesysReply interactions(Tenant tenant, String campaignId) {
        return calls.send(
                tenant, "INTERACTIONS", bearer -> clients.platform(tenant).interactions(campaignId, bearer));
    }
}
