package io.dialgate.testing;

import io.dialgate.tenant.ApplyMode;
import io.dialgate.tenant.ApplyPolicy;
import io.dialgate.tenant.Tenant;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The tenants of src/test/resources/application.properties, and fresh Genesys-style ids for each test. */
public final class TestTenants {

    /**
     * A tenant whose Genesys is nowhere (port 1), applying contact by contact: for unit tests of code that holds a
     * tenant but never calls Genesys.
     */
    public static Tenant offline(String name) {
        return new Tenant(
                name,
                URI.create("http://127.0.0.1:1"),
                URI.create("http://127.0.0.1:1"),
                "client",
                "secret",
                60,
                List.of(),
                List.of(),
                List.of(),
                Duration.ofMinutes(30),
                Duration.ofMinutes(5),
                new Tenant.PendingCaps(1000, 1000),
                Optional.empty(),
                new Tenant.Watch(false, List.of(), List.of(), Duration.ZERO),
                new ApplyPolicy(ApplyMode.CONTACT, 5, 50, 50));
    }

    public static final String ACME = "acme";
    public static final String ACME_INGEST_TOKEN = "acme-ingest-token";
    public static final String ACME_CRM_TOKEN = "acme-crm-token";
    public static final String ACME_CLIENT_ID = "acme-client";
    public static final String ACME_CLIENT_SECRET = "acme-client-secret-value";

    public static final String GLOBEX = "globex";
    public static final String GLOBEX_INGEST_TOKEN = "globex-ingest-token";
    public static final String GLOBEX_CRM_TOKEN = "globex-crm-token";
    public static final String GLOBEX_CLIENT_ID = "globex-client";
    public static final String GLOBEX_CLIENT_SECRET = "globex-client-secret-value";

    public static final String INITECH = "initech";
    public static final String INITECH_CRM_TOKEN = "initech-crm-token";
    public static final String INITECH_CLIENT_ID = "initech-client";
    public static final String INITECH_CLIENT_SECRET = "initech-client-secret-value";
    /** The second of initech's two webhook secrets (the first stands for one being rotated out). */
    public static final String INITECH_WEBHOOK_KEY = "initech-webhook-secret-for-the-tests";

    /**
     * vandelay and soylent subscribe to outcome callbacks (the receiver's paths below). vandelay signs with two secrets (a
     * rotation in progress) and wants every event; soylent wants write.applied and dial.ended only, and gives up on an
     * event after 2 s.
     */
    public static final String VANDELAY = "vandelay";

    public static final String VANDELAY_CALLBACKS = "/crm/vandelay/webhooks";
    public static final String VANDELAY_CALLBACK_SECRET_OLD = "whsec_aG9vbGktb2xkLWNhbGxiYWNrLXNlY3JldC0wMDAwMDA=";
    public static final String VANDELAY_CALLBACK_SECRET = "whsec_aG9vbGktY2FsbGJhY2stc2VjcmV0LWZvci10aGUtdGVzdHM=";
    public static final String SOYLENT = "soylent";
    public static final String SOYLENT_CALLBACKS = "/crm/soylent/webhooks";
    public static final String SOYLENT_CALLBACK_SECRET = "whsec_c295bGVudC1jYWxsYmFjay1zZWNyZXQtZm9yLXRlc3Rz";

    /** Events reach this tenant over dialgate's own notification channel; it reconciles the simulator's campaign. */
    public static final String HOOLI = "hooli";
    /** Applies every list's ready contacts in bulk ({@code apply-mode=bulk}). */
    public static final String INITRODE = "initrode";
    /** Genesys's default budget (300 calls a minute), one contact at a time and in bulk: the budget-bound bench. */
    public static final String BUDGET_CONTACT = "budget-contact";

    public static final String BUDGET_BULK = "budget-bulk";

    /** Every test tenant's OAuth client (id, secret), as configured in the test application.properties. */
    public static final java.util.Map<String, String> CLIENTS = java.util.Map.ofEntries(
            java.util.Map.entry(ACME_CLIENT_ID, ACME_CLIENT_SECRET),
            java.util.Map.entry(GLOBEX_CLIENT_ID, GLOBEX_CLIENT_SECRET),
            java.util.Map.entry(INITECH_CLIENT_ID, INITECH_CLIENT_SECRET),
            java.util.Map.entry("umbrella-client", "umbrella-client-secret-value"),
            java.util.Map.entry("stark-client", "stark-client-secret-value"),
            java.util.Map.entry("wayne-client", "wayne-client-secret-value"),
            java.util.Map.entry("cyberdyne-client", "cyberdyne-client-secret-value"),
            java.util.Map.entry("vandelay-client", "vandelay-client-secret-value"),
            java.util.Map.entry("soylent-client", "soylent-client-secret-value"),
            java.util.Map.entry("tyrell-client", "tyrell-client-secret-value"),
            java.util.Map.entry("oscorp-client", "oscorp-client-secret-value"),
            java.util.Map.entry("hooli-client", "hooli-client-secret-value"),
            java.util.Map.entry("initrode-client", "initrode-client-secret-value"),
            java.util.Map.entry("budget-contact-client", "budget-contact-client-secret-value"),
            java.util.Map.entry("budget-bulk-client", "budget-bulk-client-secret-value"));

    /** The tenants whose Genesys hosts the simulator stands in for. */
    public static final java.util.List<String> ALL = java.util.List.of(
            ACME,
            GLOBEX,
            INITECH,
            "umbrella",
            "stark",
            "wayne",
            "cyberdyne",
            VANDELAY,
            SOYLENT,
            "tyrell",
            "oscorp",
            HOOLI,
            INITRODE,
            BUDGET_CONTACT,
            BUDGET_BULK);

    /** A client for a tenant configured with the usual "<name>-ingest-token" / "<name>-crm-token" naming. */
    public static DialgateClient client(String tenant) {
        return new DialgateClient(tenant, tenant + "-ingest-token", tenant + "-crm-token");
    }

    private TestTenants() {}

    /** A contact list id as Genesys makes them: a UUID. */
    public static String newListId() {
        return UUID.randomUUID().toString();
    }

    /** A contact id as Genesys makes them: 32 lower-case hex characters, no dashes. */
    public static String newContactId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }
}
