package io.dialgate.tenant;

import io.dialgate.webhooks.StandardWebhooks;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The configured tenants, resolved and validated once at start-up, and the token checks for each API. */
@ApplicationScoped
public class Tenants {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Map<String, Tenant> byName;

    public Tenants(TenantsConfig config) {
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

    /**
     * The tenant, if the request carries one of its ingest tokens, or a valid Standard Webhooks signature of the body
     * with one of its webhook secrets; else refused as unauthenticated (an unknown tenant looks the same).
     */
    public Tenant authenticateIngest(String name, IngestCredentials credentials, byte[] body) {
        Tenant tenant = byName.get(name);
        if (tenant != null) {
            if (credentials.authorization() != null) {
                if (BearerTokens.matches(credentials.authorization(), tenant.ingestTokens())) {
                    return tenant;
                }
            } else if (WebhookSignature.verify(tenant.webhookSecrets(), credentials.webhook(), body, Instant.now())) {
                return tenant;
            }
        }
        throw new UnauthenticatedException("Missing or invalid bearer token or webhook signature for this tenant.");
    }

    /** What an event relay may present: a bearer token, or Standard Webhooks signature headers. */
    public record IngestCredentials(
            String authorization, String webhookId, String webhookTimestamp, String webhookSignature) {
        WebhookSignature.Headers webhook() {
            return new WebhookSignature.Headers(webhookId, webhookTimestamp, webhookSignature);
        }
    }

    /** The tenant, if the header carries one of its CRM tokens; else refused as unauthenticated (an unknown tenant looks the same). */
    public Tenant authenticateCrm(String name, String authorization) {
        Tenant tenant = byName.get(name);
        List<String> accepted = tenant == null ? List.of() : tenant.crmTokens();
        if (!BearerTokens.matches(authorization, accepted)) {
            throw new UnauthenticatedException("Missing or invalid bearer token for this tenant.");
        }
        return tenant;
    }

    private static Tenant resolve(String name, TenantConfig config) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Tenant name '" + name
                    + "' must be 1-63 lower-case letters, digits or dashes, starting with a letter or digit");
        }
        GenesysConfig genesys = config.genesys();
        Optional<String> domain = genesys.region()
                .map(region -> GenesysRegion.domainOf(region)
                        .orElseThrow(() -> new IllegalArgumentException("Tenant '" + name
                                + "': unknown Genesys region '" + region + "'; known: " + GenesysRegion.knownRegions()
                                + ", or set genesys.api-url and genesys.login-url")));
        URI api = genesys.apiUrl()
                .or(() -> domain.map(GenesysRegion::apiUrl))
                .orElseThrow(() -> missing(name, "genesys.region or genesys.api-url"));
        URI login = genesys.loginUrl()
                .or(() -> domain.map(GenesysRegion::loginUrl))
                .orElseThrow(() -> missing(name, "genesys.region or genesys.login-url"));
        List<String> ingestTokens = config.ingestToken().map(List::copyOf).orElse(List.of());
        List<String> webhookSecrets = config.webhookSecret().map(List::copyOf).orElse(List.of());
        if (ingestTokens.isEmpty() && webhookSecrets.isEmpty()) {
            throw missing(name, "ingest-token or webhook-secret");
        }
        if (config.crmToken().isEmpty()) {
            throw missing(name, "crm-token");
        }
        if (genesys.requestsPerMinute() < 1) {
            throw new IllegalArgumentException("Tenant '" + name + "': genesys.requests-per-minute must be at least 1");
        }
        return new Tenant(
                name,
                api,
                login,
                genesys.clientId(),
                genesys.clientSecret(),
                genesys.requestsPerMinute(),
                ingestTokens,
                webhookSecrets,
                List.copyOf(config.crmToken()),
                config.activeDialTtl(),
                config.postCallGrace(),
                new Tenant.PendingCaps(config.maxPendingWrites(), config.maxPendingPerContact()),
                config.callbacks().map(callbacks -> callbacks(name, callbacks)),
                watch(name, config),
                applyPolicy(name, config));
    }

    private static CallbackSubscription callbacks(String tenant, TenantConfig.Callbacks config) {
        URI url = config.url();
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("Tenant '" + tenant + "': callbacks.url must be an http(s) URL");
        }
        List<String> secrets = List.copyOf(config.secret());
        for (int i = 0; i < secrets.size(); i++) {
            if (!validSecret(secrets.get(i))) {
                // The position, never the value: secrets stay out of logs.
                throw new IllegalArgumentException("Tenant '" + tenant + "': callbacks.secret #" + (i + 1)
                        + " is not a Standard Webhooks secret (whsec_ followed by base64)");
            }
        }
        Set<CallbackSubscription.EventType> events = EnumSet.allOf(CallbackSubscription.EventType.class);
        if (config.events().isPresent()) {
            events = EnumSet.noneOf(CallbackSubscription.EventType.class);
            for (String name : config.events().get()) {
                events.add(
                        CallbackSubscription.EventType.ofWireName(name.trim())
                                .orElseThrow(
                                        () -> new IllegalArgumentException(
                                                "Tenant '" + tenant + "': unknown callback event '" + name
                                                        + "'; known: write.applied, write.failed, write.held, dial.started, dial.ended")));
            }
        }
        if (config.sendsPerMinute() < 1) {
            throw new IllegalArgumentException(
                    "Tenant '" + tenant + "': callbacks.sends-per-minute must be at least 1");
        }
        return new CallbackSubscription(url, secrets, Set.copyOf(events), config.sendsPerMinute(), config.retryFor());
    }

    private static boolean validSecret(String secret) {
        if (!secret.startsWith(StandardWebhooks.SECRET_PREFIX)) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(secret.substring(StandardWebhooks.SECRET_PREFIX.length())).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Tenant.Watch watch(String name, TenantConfig config) {
        if (config.reconcileInterval().isNegative()) {
            throw new IllegalArgumentException("Tenant '" + name + "': reconcile-interval must not be negative");
        }
        List<String> campaigns = config.campaigns().orElse(List.of()).stream()
                .map(String::trim)
                .filter(c -> !c.isEmpty())
                .distinct()
                .toList();
        List<String> topics = config.notifications().topics().orElse(List.of()).stream()
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .distinct()
                .toList();
        return new Tenant.Watch(config.notifications().enabled(), campaigns, topics, config.reconcileInterval());
    }

    private static ApplyPolicy applyPolicy(String tenant, TenantConfig config) {
        within(tenant, "bulk-min", config.bulkMin(), 1, Integer.MAX_VALUE);
        within(tenant, "bulk-read-size", config.bulkReadSize(), 1, ApplyPolicy.MAX_READ_SIZE);
        within(tenant, "bulk-write-size", config.bulkWriteSize(), 1, ApplyPolicy.MAX_WRITE_SIZE);
        return new ApplyPolicy(config.applyMode(), config.bulkMin(), config.bulkReadSize(), config.bulkWriteSize());
    }

    private static void within(String tenant, String property, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("Tenant '" + tenant + "': " + property + " must be between " + min
                    + " and " + max + " (Genesys's documented limit), not " + value);
        }
    }

    private static IllegalArgumentException missing(String tenant, String what) {
        return new IllegalArgumentException("Tenant '" + tenant + "': " + what + " must be set");
    }
}
