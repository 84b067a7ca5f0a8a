package io.dialgate.tenant;

import io.dialgate.http.Problems;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The configured tenants, resolved and validated once at start-up, and the token checks for each API. */
@ApplicationScoped
public class Tenants {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Map<String, Tenant> byName;

    public Tenants(DialgateConfig config) {
        Map<String, Tenant> tenants = new TreeMap<>();
        config.tenants().forEach((name, tenant) -> tenants.put(name, resolve(name, tenant)));
        this.byName = Map.copyOf(tenants);
    }

    public Collection<Tenant> all() {
        return byName.values();
    }

    public Optional<Tenant> find(String name) {
        return Optional.ofNullable(name).map(byName::get);
    }

    /** The tenant, if the header carries one of its ingest tokens; else 401 (an unknown tenant looks the same). */
    public Tenant authenticateIngest(String tenant, String authorization) {
        return authenticate(tenant, authorization, true);
    }

    /** The tenant, if the header carries one of its CRM tokens; else 401 (an unknown tenant looks the same). */
    public Tenant authenticateCrm(String tenant, String authorization) {
        return authenticate(tenant, authorization, false);
    }

    private Tenant authenticate(String name, String authorization, boolean ingest) {
        Tenant tenant = byName.get(name);
        List<String> accepted = tenant == null ? List.of() : ingest ? tenant.ingestTokens() : tenant.crmTokens();
        if (!BearerTokens.matches(authorization, accepted)) {
            throw Problems.unauthorized("Missing or invalid bearer token for this tenant.");
        }
        return tenant;
    }

    private static Tenant resolve(String name, TenantConfig config) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Tenant name '" + name
                    + "' must be 1-63 lower-case letters, digits or dashes, starting with a letter or digit");
        }
        GenesysConfig genesys = config.genesys();
        Optional<String> domain = genesys.region().map(region -> GenesysRegion.domainOf(region).orElseThrow(
                () -> new IllegalArgumentException("Tenant '" + name + "': unknown Genesys region '" + region
                        + "'; known: " + GenesysRegion.knownRegions() + ", or set genesys.api-url and genesys.login-url")));
        URI api = genesys.apiUrl().or(() -> domain.map(GenesysRegion::apiUrl)).orElseThrow(
                () -> missing(name, "genesys.region or genesys.api-url"));
        URI login = genesys.loginUrl().or(() -> domain.map(GenesysRegion::loginUrl)).orElseThrow(
                () -> missing(name, "genesys.region or genesys.login-url"));
        if (config.ingestToken().isEmpty() || config.crmToken().isEmpty()) {
            throw missing(name, "ingest-token and crm-token");
        }
        if (genesys.requestsPerMinute() < 1) {
            throw new IllegalArgumentException("Tenant '" + name + "': genesys.requests-per-minute must be at least 1");
        }
        return new Tenant(name, api, login, genesys.clientId(), genesys.clientSecret(), genesys.requestsPerMinute(),
                List.copyOf(config.ingestToken()), List.copyOf(config.crmToken()), config.activeDialTtl());
    }

    private static IllegalArgumentException missing(String tenant, String what) {
        return new IllegalArgumentException("Tenant '" + tenant + "': " + what + " must be set");
    }
}
