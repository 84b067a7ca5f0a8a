package io.dialgate.tenant;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** One tenant: a Genesys Cloud org (through one OAuth client) and the tokens its event relay and CRM present. */
public interface TenantConfig {

    /** How to reach and authenticate to this tenant's Genesys Cloud org. */
    GenesysConfig genesys();

    /**
     * Bearer tokens accepted on the events endpoint. Several may be given (comma-separated) so a token can be rotated
     * without downtime: add the new one, move the relay, remove the old one.
     */
    List<String> ingestToken();

    /** Bearer tokens accepted from the CRM on the write and status endpoints; comma-separated for rotation. */
    List<String> crmToken();

    /**
     * An active dial with no event for this long is treated as over, so a lost postContact cannot hold writes
     * forever.
     */
    @WithDefault("30M")
    Duration activeDialTtl();
}
