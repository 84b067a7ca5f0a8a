package io.dialgate.cluster;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.testing.RedisProcess;

import java.util.HashMap;
import java.util.Map;

/** The environment of a dialgate pod for the cluster tests: one tenant, the simulator as its Genesys, one Redis. */
final class ClusterTenants {

    static final String TENANT = "acme";
    static final String CLIENT_ID = "cluster-client";
    static final String CLIENT_SECRET = "cluster-client-secret-value";
    static final String CRM_TOKEN = "cluster-crm-token";

    private ClusterTenants() {
    }

    static Map<String, String> environment(RedisProcess redis, GenesysSimulator genesys, int requestsPerMinute) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_REDIS_HOSTS", redis.uri());
        env.put("DIALGATE_TENANTS_ACME_GENESYS_API_URL", genesys.baseUrl());
        env.put("DIALGATE_TENANTS_ACME_GENESYS_LOGIN_URL", genesys.baseUrl());
        env.put("DIALGATE_TENANTS_ACME_GENESYS_CLIENT_ID", CLIENT_ID);
        env.put("DIALGATE_TENANTS_ACME_GENESYS_CLIENT_SECRET", CLIENT_SECRET);
        env.put("DIALGATE_TENANTS_ACME_GENESYS_REQUESTS_PER_MINUTE", Integer.toString(requestsPerMinute));
        env.put("DIALGATE_TENANTS_ACME_INGEST_TOKEN", "cluster-ingest-token");
        env.put("DIALGATE_TENANTS_ACME_CRM_TOKEN", CRM_TOKEN);
        env.put("DIALGATE_DISPATCH_BACKOFF_BASE", "100MS");
        env.put("DIALGATE_DISPATCH_IDLE_CHECK", "500MS");
        return env;
    }
}
