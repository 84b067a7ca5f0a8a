package io.dialgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dialgate.metrics.Metric;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks the deployment files under {@code k8s/} (and {@code deploy/}) offline, as part of {@code ./mvnw verify}.
 *
 * <p>Each region overlay is rendered with {@code kubectl kustomize} and the multi-document output is parsed with
 * Jackson YAML; the tests then assert the values the deployment depends on (rollout, probes, hardening, network
 * policy, configuration contract, monitoring). A second layer validates every rendered object against the Kubernetes
 * and prometheus-operator schemas with {@code k8s/validate/validate.mjs} (kubernetes-models), which also parses the
 * PromQL of every alert and of every Grafana dashboard query.
 *
 * <p>The overlays generate their Secret from a git-ignored {@code tenants.env} that only exists on a deploying
 * machine. The tests therefore render a copy of {@code k8s/} in a temporary directory where each overlay's
 * {@code tenants.env} is its committed {@code tenants.env.example}; a real {@code tenants.env} is never copied or
 * read.
 *
 * <p>Missing tools never fail the build: without kubectl (or a standalone kustomize) the manifest tests are skipped,
 * without node/npm the schema check is skipped, each with a message saying so.
 */
class KubernetesManifestsTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final Path K8S = REPO.resolve("k8s");
    private static final Duration RENDER_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration NODE_TIMEOUT = Duration.ofMinutes(1);

    private static final String NAMESPACE = "dialgate";
    private static final String REGION_LABEL = "dialgate.io/region";
    private static final String REDIS_HOSTS = "redis://redis-master.dialgate-redis.svc:6379";

    /** Example tenants and replica counts per overlay. */
    private static final Map<String, Set<String>> TENANTS = Map.of(
            "us-east-1", Set.of("acme"),
            "eu-west-1", Set.of("globex"));

    private static final Map<String, Integer> REPLICAS = Map.of("us-east-1", 3, "eu-west-1", 2);

    /** The configuration contract in environment-variable form: per tenant, then global. */
    private static final Set<String> TENANT_KEYS = Set.of(
            "GENESYS_REGION",
            "GENESYS_API_URL",
            "GENESYS_LOGIN_URL",
            "GENESYS_CLIENT_ID",
            "GENESYS_CLIENT_SECRET",
            "GENESYS_REQUESTS_PER_MINUTE",
            "INGEST_TOKEN",
            "WEBHOOK_SECRET",
            "CRM_TOKEN",
            "ACTIVE_DIAL_TTL",
            "POST_CALL_GRACE");
    /** Tenant settings that are credentials: the example sets the first four, WEBHOOK_SECRET is optional. */
    private static final Set<String> SECRET_TENANT_KEYS =
            Set.of("GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET", "INGEST_TOKEN", "CRM_TOKEN");

    private static final Set<String> CREDENTIAL_KEYS =
            Set.of("GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET", "INGEST_TOKEN", "WEBHOOK_SECRET", "CRM_TOKEN");
    private static final Set<String> GLOBAL_KEYS = Set.of(
            "DIALGATE_DISPATCH_LEASE",
            "DIALGATE_DISPATCH_CONCURRENCY_PER_TENANT",
            "DIALGATE_DISPATCH_IDLE_CHECK",
            "DIALGATE_DISPATCH_SHUTDOWN_DRAIN",
            "QUARKUS_REDIS_HOSTS",
            "QUARKUS_REDIS_PASSWORD",
            "QUARKUS_LOG_CONSOLE_JSON_ENABLED",
            "QUARKUS_OTEL_TRACES_SAMPLER_ARG",
            "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
    private static final Pattern TENANT_VAR =
            Pattern.compile("DIALGATE_TENANTS_([A-Z0-9]+)_(" + String.join("|", TENANT_KEYS) + ")");

    /** Secret values allowed in committed files: REPLACE_ME, REPLACE_ME_OLD, ...; comma-separated lists of them. */
    private static final Pattern PLACEHOLDER = Pattern.compile("REPLACE_ME[A-Z0-9_]*(,REPLACE_ME[A-Z0-9_]*)*");

    /** Egress the pods may use: DNS, Redis, HTTPS (Genesys). */
    private static final Set<String> ALLOWED_EGRESS = Set.of("53/UDP", "53/TCP", "6379/TCP", "443/TCP");

    /** A dialgate series name in PromQL or prose; the names alerts and panels may use are those of {@link Metric}. */
    private static final Pattern METRIC_REF = Pattern.compile("\\b(dialgate_[a-z0-9_]+)\\b");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path copy;
    private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

    /** One kustomization's output: the raw YAML (for the schema check) and the parsed objects. */
    private record Rendered(String yaml, List<JsonNode> objects) {
        List<JsonNode> ofKind(String kind) {
            return objects.stream()
                    .filter(o -> kind.equals(o.path("kind").asText()))
                    .toList();
        }

        JsonNode single(String kind) {
            List<JsonNode> found = ofKind(kind);
            assertEquals(1, found.size(), () -> "expected exactly one " + kind + ", found " + found.size());
            return found.get(0);
        }
    }

    @BeforeAll
    static void copyManifestsWithExampleTenants() throws IOException {
        assertTrue(
                Files.isRegularFile(K8S.resolve("base/kustomization.yaml")),
                "run from the repository root: no k8s/base/kustomization.yaml under " + REPO);
        copy = Files.createTempDirectory("dialgate-k8s-");
        Path target = copy.resolve("k8s");
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path relative = K8S.relativize(source);
                if (relative.toString().contains("node_modules")
                        || source.getFileName().toString().equals("tenants.env")) {
                    continue; // never copy installed packages or real credentials
                }
                Path dest = target.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        for (String region : TENANTS.keySet()) {
            Path overlay = target.resolve("overlays").resolve(region);
            Files.copy(overlay.resolve("tenants.env.example"), overlay.resolve("tenants.env"));
        }
    }

    @AfterAll
    static void deleteCopy() throws IOException {
        if (copy == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(copy)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ---------------------------------------------------------------- every object

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"us-east-1", "eu-west-1"})
    void givenRegionOverlay_whenRendered_thenEveryObjectHasApiVersionKindNameAndTheRegionsNamespaceAndLabel(
            String region) {
        Rendered out = overlay(region);

        assertEquals(
                Set.of(
                        "ServiceAccount",
                        "ConfigMap",
                        "Secret",
                        "Service",
                        "Deployment",
                        "PodDisruptionBudget",
                        "HorizontalPodAutoscaler",
                        "NetworkPolicy",
                        "ServiceMonitor",
                        "PrometheusRule"),
                out.objects().stream().map(o -> o.path("kind").asText()).collect(Collectors.toSet()));
        for (JsonNode o : out.objects()) {
            String what = o.path("kind").asText() + " "
                    + o.path("metadata").path("name").asText();
            assertFalse(o.path("apiVersion").asText().isBlank(), what + ": apiVersion");
            assertFalse(o.path("kind").asText().isBlank(), what + ": kind");
            assertFalse(o.path("metadata").path("name").asText().isBlank(), what + ": metadata.name");
            assertEquals(NAMESPACE, o.path("metadata").path("namespace").asText(), what + ": namespace");
            assertEquals(
                    region, o.path("metadata").path("labels").path(REGION_LABEL).asText(), what + ": region label");
            assertTrue(o.path("metadata").path("name").asText().contains("-" + region), what + ": region suffix");
        }
    }

    // ---------------------------------------------------------------- Deployment

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"us-east-1", "eu-west-1"})
    void givenRegionOverlay_whenRendered_thenDeploymentKeepsTwoOrMorePodsAndRollsWithoutUnavailablePods(String region) {
        Rendered out = overlay(region);
        JsonNode spec = out.single("Deployment").path("spec");

        assertEquals(REPLICAS.get(region), spec.path("replicas").asInt());
        assertTrue(spec.path("replicas").asInt() >= 2, "at least two replicas");
        assertEquals("RollingUpdate", spec.path("strategy").path("type").asText());
        assertEquals(
                "0",
                spec.path("strategy")
                        .path("rollingUpdate")
                        .path("maxUnavailable")
                        .asText());
        assertEquals(
                "1",
                spec.path("strategy").path("rollingUpdate").path("maxSurge").asText());

        int grace = spec.path("template")
                .path("spec")
                .path("terminationGracePeriodSeconds")
                .asInt();
        long drain = seconds(config(out).get("DIALGATE_DISPATCH_SHUTDOWN_DRAIN"));
        assertEquals(45, grace);
        assertEquals(15, drain);
        assertTrue(grace > drain, "grace period " + grace + " s must exceed the shutdown drain " + drain + " s");
        assertTrue(
                container(out).path("lifecycle").path("preStop").path("exec").isMissingNode(),
                "no exec preStop hook: the runtime image has no shell");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"us-east-1", "eu-west-1"})
    void givenRegionOverlay_whenRendered_thenProbesHitTheQuarkusHealthEndpointsOnTheManagementPort(String region) {
        JsonNode container = container(overlay(region));

        JsonNode port = container.path("ports").get(0);
        assertEquals("http", port.path("name").asText());
        assertEquals(8080, port.path("containerPort").asInt());
        JsonNode management = container.path("ports").get(1);
        assertEquals("management", management.path("name").asText());
        assertEquals(9000, management.path("containerPort").asInt(), "quarkus.management.port's default");
        assertEquals(2, container.path("ports").size());
        Map<String, String> expected = Map.of(
                "startupProbe", "/q/health/started",
                "livenessProbe", "/q/health/live",
                "readinessProbe", "/q/health/ready");
        expected.forEach((probe, path) -> {
            JsonNode get = container.path(probe).path("httpGet");
            assertEquals(path, get.path("path").asText(), probe + " path");
            assertEquals("management", get.path("port").asText(), probe + " port");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"us-east-1", "eu-west-1"})
    void givenRegionOverlay_whenRendered_thenPodRunsNonRootOnAReadOnlyRootFilesystemWithoutCapabilitiesOrToken(
            String region) {
        Rendered out = overlay(region);
        JsonNode pod = podSpec(out);
        JsonNode container = container(out);

        assertTrue(effective(pod, container, "runAsNonRoot").asBoolean(), "runAsNonRoot");
        assertEquals(1001, effective(pod, container, "runAsUser").asInt());
        assertEquals(
                "RuntimeDefault",
                effective(pod, container, "seccompProfile").path("type").asText());
        JsonNode sc = container.path("securityContext");
        assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), "readOnlyRootFilesystem");
        assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), "allowPrivilegeEscalation");
        assertEquals(List.of("ALL"), texts(sc.path("capabilities").path("drop")));
        assertTrue(sc.path("capabilities").path("add").isMissingNode(), "no capability added");

        JsonNode tmpMount = single(
                container.path("volumeMounts"),
                m -> "/tmp".equals(m.path("mountPath").asText()));
        JsonNode tmpVolume = single(
                pod.path("volumes"),
                v -> tmpMount.path("name").asText().equals(v.path("name").asText()));
        assertTrue(tmpVolume.has("emptyDir"), "/tmp is an emptyDir");
        assertEquals(1, container.path("volumeMounts").size(), "/tmp is the only writable mount");

        assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), "pod automountServiceAccountToken");
        JsonNode account = out.single("ServiceAccount");
        assertEquals(
                account.path("metadata").path("name").asText(),
                pod.path("serviceAccountName").asText());
        assertFalse(account.path("automountServiceAccountToken").asBoolean(true), "ServiceAccount automount");
        assertFalse(
                pod.path("enableServiceLinks").asBoolean(true),
                "enableServiceLinks false: Service env vars would land in the DIALGATE_ namespace");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"us-east-1", "eu-west-1"})
    void givenRegionOverlay_whenRendered_thenContainerHasTheBenchmarkedRequestsAndLimits(String region) {
        JsonNode resources = container(overlay(region)).path("resources");

        assertEquals("250m", resources.path("requests").path("cpu").asText());
        assertEquals("256Mi", resources.path("requests").path("memory").asText());
        assertEquals("2", resources.path("limits").path("cpu").asText());
        assertEquals("512Mi", resources.path("limits").path("memory").asText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"us-east-1", "eu-west-1"})
    void givenRegionOverlay_whenRendered_thenPodsSpreadAcrossZonesAndHostsWithoutBlockingScheduling(String region) {
        Rendered out = overlay(region);
        JsonNode pod = podSpec(out);
        Map<String, String> podLabels =
                labels(out.single("Deployment").path("spec").path("template"));

        Map<String, JsonNode> byKey = new HashMap<>();
        pod.path("topologySpreadConstraints")
                .forEach(c -> byKey.put(c.path("topologyKey").asText(), c));
        assertEquals(Set.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"), byKey.keySet());
        byKey.forEach((key, c) -> {
            assertEquals(1, c.path("maxSkew").asInt(), key + " maxSkew");
            assertEquals("ScheduleAnyway", c.path("whenUnsatisfiable").asText(), key + " whenUnsatisfiable");
            assertSelects(c.path("labelSelector").path("matchLabels"), podLabels, key + " labelSelector");
        });
    }

    // ---------------------------------------------------------------- NetworkPolicy

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"us-east-1", "eu-west-1"})
    void givenRegionOverlay_whenRendered_thenNetworkPolicyAdmitsOnlyHttpAndManagementAndEgressesOnlyToDnsRedisAndHttps(
            String region) {
        Rendered out = overlay(region);
        JsonNode spec = out.single("NetworkPolicy").path("spec");

        assertEquals(List.of("Ingress", "Egress"), texts(spec.path("policyTypes")));
        assertSelects(
                spec.path("podSelector").path("matchLabels"),
                labels(out.single("Deployment").path("spec").path("template")),
                "podSelector");
        assertEquals(Set.of("8080/TCP", "9000/TCP"), ports(spec.path("ingress"), "ingress"));
        for (JsonNode rule : spec.path("ingress")) {
            if (rule.path("ports").get(0).path("port").asInt() == 9000) {
                assertFalse(
                        rule.path("from").isMissingNode() || rule.path("from").isEmpty(),
                        "the management port (health details, metrics) is not open to everyone");
            }
        }
        assertEquals(ALLOWED_EGRESS, ports(spec.path("egress"), "egress"));
    }

    // ---------------------------------------------------------------- configuration and secrets

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"us-east-1", "eu-west-1"})
    void givenRegionOverlay_whenRenderedFromTheExample_thenSecretsHoldOnlyPlaceholderValues(String region) {
        Rendered out = overlay(region);

        List<JsonNode> secrets = out.ofKind("Secret");
        assertEquals(1, secrets.size());
        int values = 0;
        for (JsonNode secret : secrets) {
            for (Map.Entry<String, String> e : secretValues(secret).entrySet()) {
                values++;
                assertTrue(
                        PLACEHOLDER.matcher(e.getValue()).matches(),
                        secret.path("metadata").path("name").asText() + " " + e.getKey()
                                + " holds a value that is not an example placeholder (REPLACE_ME...)");
            }
        }
        assertEquals(4 * TENANTS.get(region).size(), values, "four credentials per tenant");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"us-east-1", "eu-west-1"})
    void givenRegionOverlay_whenRendered_thenConfigurationUsesTheContractNamesForTheRegionsTenants(String region) {
        Rendered out = overlay(region);
        Map<String, String> config = config(out);
        Map<String, String> secret = secretValues(out.single("Secret"));

        assertEquals(REDIS_HOSTS, config.get("QUARKUS_REDIS_HOSTS"));
        assertEquals("30S", config.get("DIALGATE_DISPATCH_LEASE"));
        assertEquals("8", config.get("DIALGATE_DISPATCH_CONCURRENCY_PER_TENANT"));
        assertEquals("2S", config.get("DIALGATE_DISPATCH_IDLE_CHECK"));
        assertEquals("15S", config.get("DIALGATE_DISPATCH_SHUTDOWN_DRAIN"));
        assertEquals("true", config.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"), "JSON log lines in the cluster");

        Map<String, Set<String>> configured = new HashMap<>();
        for (Map<String, String> source : List.of(config, secret)) {
            for (String key : source.keySet()) {
                Matcher m = TENANT_VAR.matcher(key);
                if (m.matches()) {
                    configured
                            .computeIfAbsent(m.group(1).toLowerCase(Locale.ROOT), t -> new HashSet<>())
                            .add(m.group(2));
                } else {
                    assertTrue(GLOBAL_KEYS.contains(key), key + " is not a dialgate configuration name");
                }
            }
        }
        assertEquals(TENANTS.get(region), configured.keySet(), "tenants of " + region);
        for (String tenant : configured.keySet()) {
            String prefix = "DIALGATE_TENANTS_" + tenant.toUpperCase(Locale.ROOT) + "_";
            assertEquals(region, config.get(prefix + "GENESYS_REGION"), tenant + " Genesys region");
            assertEquals("300", config.get(prefix + "GENESYS_REQUESTS_PER_MINUTE"), tenant + " requests per minute");
            assertTrue(configured.get(tenant).containsAll(SECRET_TENANT_KEYS), tenant + " lacks credentials");
            for (String key : SECRET_TENANT_KEYS) {
                assertTrue(secret.containsKey(prefix + key), prefix + key + " belongs in the Secret");
            }
            for (String key : CREDENTIAL_KEYS) {
                assertFalse(config.containsKey(prefix + key), prefix + key + " must not be in the ConfigMap");
            }
        }

        JsonNode envFrom = container(out).path("envFrom");
        assertEquals(
                out.single("ConfigMap").path("metadata").path("name").asText(),
                envFrom.get(0).path("configMapRef").path("name").asText());
        assertEquals(
                out.single("Secret").path("metadata").path("name").asText(),
                envFrom.get(1).path("secretRef").path("name").asText());
    }

    // ---------------------------------------------------------------- Service, PDB, HPA, ServiceMonitor

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"us-east-1", "eu-west-1"})
    void givenRegionOverlay_whenRendered_thenServiceBudgetAutoscalerAndMonitorTargetTheDialgatePods(String region) {
        Rendered out = overlay(region);
        JsonNode deployment = out.single("Deployment");
        Map<String, String> podLabels = labels(deployment.path("spec").path("template"));

        JsonNode service = out.single("Service");
        assertEquals("ClusterIP", service.path("spec").path("type").asText());
        JsonNode port = service.path("spec").path("ports").get(0);
        assertEquals(80, port.path("port").asInt());
        assertEquals("http", port.path("targetPort").asText());
        assertEquals("http", port.path("name").asText());
        assertSelects(service.path("spec").path("selector"), podLabels, "Service selector");
        assertEquals(
                region,
                service.path("spec").path("selector").path(REGION_LABEL).asText(),
                "selectors carry the region, so two regions in one namespace never select each other's pods");
        assertSelects(deployment.path("spec").path("selector").path("matchLabels"), podLabels, "Deployment selector");

        JsonNode pdb = out.single("PodDisruptionBudget");
        assertEquals(1, pdb.path("spec").path("minAvailable").asInt());
        assertSelects(pdb.path("spec").path("selector").path("matchLabels"), podLabels, "PDB selector");

        JsonNode hpa = out.single("HorizontalPodAutoscaler");
        assertEquals("autoscaling/v2", hpa.path("apiVersion").asText());
        assertEquals(
                deployment.path("metadata").path("name").asText(),
                hpa.path("spec").path("scaleTargetRef").path("name").asText());
        assertEquals(REPLICAS.get(region), hpa.path("spec").path("minReplicas").asInt(), "minReplicas = replicas");
        assertEquals(6, hpa.path("spec").path("maxReplicas").asInt());
        JsonNode metric = hpa.path("spec").path("metrics").get(0).path("resource");
        assertEquals("cpu", metric.path("name").asText());
        assertEquals(70, metric.path("target").path("averageUtilization").asInt());

        JsonNode monitor = out.single("ServiceMonitor");
        assertEquals("monitoring.coreos.com/v1", monitor.path("apiVersion").asText());
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertEquals("/q/metrics", endpoint.path("path").asText());
        assertEquals("management", endpoint.path("port").asText());
        JsonNode managementPort = service.path("spec").path("ports").get(1);
        assertEquals("management", managementPort.path("name").asText());
        assertEquals("management", managementPort.path("targetPort").asText());
        assertSelects(
                monitor.path("spec").path("selector").path("matchLabels"), labels(service), "ServiceMonitor selector");
    }

    // ---------------------------------------------------------------- alerts

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"us-east-1", "eu-west-1"})
    void givenRegionOverlay_whenRendered_thenAlertsCoverTheFailureModesUsingKnownMetrics(String region) {
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        overlay(region)
                .single("PrometheusRule")
                .path("spec")
                .path("groups")
                .forEach(g ->
                        g.path("rules").forEach(r -> alerts.put(r.path("alert").asText(), r)));

        assertTrue(
                alerts.keySet()
                        .containsAll(Set.of(
                                "DialgateWritesHeldTooLong",
                                "DialgateDeadLetters",
                                "DialgateGenesysRateLimited",
                                "DialgateGenesysErrors",
                                "DialgateCircuitOpen",
                                "DialgateRedisUnreachable",
                                "DialgateEventIngestStopped",
                                "DialgateNotificationSocketDown",
                                "DialgateTargetDown")),
                alerts.keySet()::toString);
        assertAlert(alerts, "DialgateWritesHeldTooLong", "5m", "dialgate_writes_oldest_held_seconds) > 1800");
        assertAlert(
                alerts, "DialgateDeadLetters", null, "increase(dialgate_applies_total{outcome=\"failed\"}[15m])) > 0");
        assertAlert(alerts, "DialgateGenesysRateLimited", "10m", "status=\"429\"");
        assertAlert(alerts, "DialgateGenesysErrors", "10m", "status=~\"5..|none\"");
        assertAlert(alerts, "DialgateCircuitOpen", "5m", "max by (namespace, tenant) (dialgate_circuit_open) == 1");
        assertAlert(alerts, "DialgateRedisUnreachable", "2m", "kube_pod_status_ready{condition=\"false\"}");
        assertAlert(
                alerts,
                "DialgateEventIngestStopped",
                "10m",
                "rate(dialgate_events_total{outcome!=\"rejected\"}[30m])) == 0");
        assertAlert(
                alerts,
                "DialgateNotificationSocketDown",
                "5m",
                "max by (namespace, tenant) (dialgate_notifications_socket_connected) == 0");
        assertAlert(alerts, "DialgateTargetDown", "5m", "up{job=~\".*dialgate.*\"} == 0");

        for (JsonNode rule : alerts.values()) {
            String name = rule.path("alert").asText();
            assertTrue(
                    Set.of("critical", "warning", "info")
                            .contains(rule.path("labels").path("severity").asText()),
                    name + " severity");
            assertFalse(rule.path("annotations").path("summary").asText().isBlank(), name + " summary");
            assertFalse(rule.path("annotations").path("description").asText().isBlank(), name + " description");
            assertEquals(Set.of(), notInCatalogue(rule.path("expr").asText()), name + " uses metrics nothing emits");
        }
    }

    // ---------------------------------------------------------------- example Redis

    @Test
    void givenRedisExample_whenRendered_thenOneRedis72PersistsWithAofEverySecondAndRunsHardened() {
        Rendered out = render("examples/redis");

        for (JsonNode o : out.objects()) {
            assertFalse(o.path("metadata").path("name").asText().isBlank(), "metadata.name");
            if (!"Namespace".equals(o.path("kind").asText())) {
                assertEquals(
                        "dialgate-redis", o.path("metadata").path("namespace").asText());
            }
        }
        JsonNode sts = out.single("StatefulSet");
        JsonNode pod = sts.path("spec").path("template").path("spec");
        JsonNode redis = pod.path("containers").get(0);
        assertEquals("redis:7.2", redis.path("image").asText());
        String args = String.join(" ", texts(redis.path("args")));
        assertTrue(args.contains("--appendonly yes"), args);
        assertTrue(args.contains("--appendfsync everysec"), args);
        assertTrue(args.contains("--maxmemory-policy noeviction"), args);

        assertTrue(effective(pod, redis, "runAsNonRoot").asBoolean(), "runAsNonRoot");
        assertTrue(effective(pod, redis, "runAsUser").asInt() > 0, "non-root uid");
        assertTrue(redis.path("securityContext").path("readOnlyRootFilesystem").asBoolean(), "readOnlyRootFilesystem");
        assertFalse(
                redis.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true),
                "allowPrivilegeEscalation");
        assertEquals(
                List.of("ALL"),
                texts(redis.path("securityContext").path("capabilities").path("drop")));

        JsonNode claim = sts.path("spec").path("volumeClaimTemplates").get(0);
        JsonNode dataMount = single(
                redis.path("volumeMounts"),
                m -> "/data".equals(m.path("mountPath").asText()));
        assertEquals(
                claim.path("metadata").path("name").asText(),
                dataMount.path("name").asText());
        assertEquals(List.of("ReadWriteOnce"), texts(claim.path("spec").path("accessModes")));

        // The overlays' QUARKUS_REDIS_HOSTS names this Service.
        JsonNode master = single(
                out.ofKind("Service"),
                s -> "redis-master".equals(s.path("metadata").path("name").asText()));
        assertEquals(6379, master.path("spec").path("ports").get(0).path("port").asInt());
        assertSelects(
                master.path("spec").path("selector"),
                labels(sts.path("spec").path("template")),
                "redis-master selector");
    }

    // ---------------------------------------------------------------- schema validation (node)

    @Test
    void givenEveryKustomization_whenValidatedWithKubernetesModels_thenEveryObjectMatchesItsSchemaAndAllPromqlParses()
            throws IOException {
        Map<String, Rendered> outputs = new LinkedHashMap<>();
        TENANTS.keySet().stream().sorted().forEach(region -> outputs.put("overlays/" + region, overlay(region)));
        outputs.put("examples/redis", render("examples/redis"));
        Optional<Path> node = onPath("node");
        Optional<Path> npm = onPath("npm");
        Assumptions.assumeTrue(
                node.isPresent() && npm.isPresent(),
                "node/npm not found on PATH: skipping the schema check of the rendered manifests (k8s/validate)");

        Path validate = K8S.resolve("validate");
        String installer = Files.exists(validate.resolve("package-lock.json")) ? "ci" : "install";
        Result install = run(
                List.of(npm.get().toString(), installer, "--prefix", "k8s/validate", "--no-audit", "--no-fund"),
                REPO,
                null,
                NPM_TIMEOUT);
        assertEquals(0, install.exit(), () -> "npm " + installer + " --prefix k8s/validate failed:\n" + install.all());

        for (Map.Entry<String, Rendered> e : outputs.entrySet()) {
            Result check = run(
                    List.of(node.get().toString(), "k8s/validate/validate.mjs"),
                    REPO,
                    e.getValue().yaml(),
                    NODE_TIMEOUT);
            assertEquals(0, check.exit(), () -> e.getKey() + " does not match the schemas:\n" + check.all());
            assertTrue(
                    check.out().contains(" " + e.getValue().objects().size() + " objects valid, 0 invalid"),
                    () -> e.getKey() + ": unexpected validator output:\n" + check.all());
        }
        Result dashboard = run(
                List.of(
                        node.get().toString(),
                        "k8s/validate/validate.mjs",
                        "--dashboard",
                        "deploy/grafana/dialgate-dashboard.json"),
                REPO,
                "",
                NODE_TIMEOUT);
        assertEquals(0, dashboard.exit(), () -> "dashboard queries are not valid PromQL:\n" + dashboard.all());
        assertTrue(dashboard.out().contains(" queries, 0 invalid"), dashboard::all);
    }

    // ---------------------------------------------------------------- deploy/ files (text checks, no engine here)

    @Test
    void givenGrafanaDashboard_whenParsed_thenItHasDatasourceAndTenantVariablesAndAPanelForEveryMetric()
            throws IOException {
        JsonNode dashboard = JSON.readTree(
                REPO.resolve("deploy/grafana/dialgate-dashboard.json").toFile());

        Map<String, JsonNode> variables = new HashMap<>();
        dashboard
                .path("templating")
                .path("list")
                .forEach(v -> variables.put(v.path("name").asText(), v));
        assertEquals("datasource", variables.get("datasource").path("type").asText());
        assertEquals("prometheus", variables.get("datasource").path("query").asText());
        assertEquals("query", variables.get("tenant").path("type").asText());
        assertTrue(variables.get("tenant").path("definition").asText().contains("tenant)"), "tenant variable query");

        Set<String> used = new TreeSet<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "duplicate panel id " + panel.path("id"));
            for (JsonNode t : panel.path("targets")) {
                assertEquals(
                        "${datasource}",
                        t.path("datasource").path("uid").asText(),
                        panel.path("title") + " datasource");
                Matcher m = METRIC_REF.matcher(t.path("expr").asText());
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertEquals(Set.of(), notInCatalogue(String.join(" ", used)), "panels use metrics nothing emits");
        Set<Metric> shown =
                used.stream().map(Metric::ofSeries).flatMap(Optional::stream).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(Metric.class), EnumSet.copyOf(shown), "a panel for every catalogue metric");
    }

    // ---------------------------------------------------------------- metric names against the catalogue

    @Test
    void givenPrometheusRulesAndGrafanaDashboards_whenScanned_thenEveryDialgateMetricTheyNameIsInTheCatalogue()
            throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> k8s = Files.walk(K8S);
                Stream<Path> grafana = Files.walk(REPO.resolve("deploy/grafana"))) {
            k8s.filter(f -> f.toString().endsWith(".yaml") && !f.toString().contains("node_modules"))
                    .filter(f -> read(f).contains("kind: PrometheusRule"))
                    .forEach(files::add);
            grafana.filter(f -> f.toString().endsWith(".json")).forEach(files::add);
        }
        assertTrue(files.stream().anyMatch(f -> f.toString().endsWith("prometheusrule.yaml")), files::toString);
        assertTrue(files.stream().anyMatch(f -> f.toString().endsWith("dialgate-dashboard.json")), files::toString);

        for (Path file : files) {
            String text = read(file);
            assertTrue(METRIC_REF.matcher(text).find(), file + " names no dialgate metric");
            assertEquals(Set.of(), notInCatalogue(text), REPO.relativize(file) + " names metrics nothing emits");
        }
    }

    @Test
    void givenKedaExample_whenParsed_thenItScalesTheDeploymentOnCpuAndTheReadyBacklogOfUnpausedTenants()
            throws IOException {
        JsonNode scaled =
                YAML.readTree(REPO.resolve("deploy/keda/scaledobject.yaml").toFile());
        JsonNode hpa = YAML.readTree(K8S.resolve("base/hpa.yaml").toFile());

        assertEquals("keda.sh/v1alpha1", scaled.path("apiVersion").asText());
        assertEquals("ScaledObject", scaled.path("kind").asText());
        JsonNode spec = scaled.path("spec");
        assertEquals("Deployment", spec.path("scaleTargetRef").path("kind").asText());
        assertEquals("dialgate", spec.path("scaleTargetRef").path("name").asText());
        assertEquals(
                hpa.path("spec").path("minReplicas").asInt(),
                spec.path("minReplicaCount").asInt());
        assertEquals(
                hpa.path("spec").path("maxReplicas").asInt(),
                spec.path("maxReplicaCount").asInt());
        Map<String, JsonNode> triggers = new HashMap<>();
        spec.path("triggers").forEach(t -> triggers.put(t.path("type").asText(), t));
        assertEquals(Set.of("cpu", "prometheus"), triggers.keySet(), "beside the CPU target, the backlog");
        assertEquals(
                hpa.path("spec")
                        .path("metrics")
                        .get(0)
                        .path("resource")
                        .path("target")
                        .path("averageUtilization")
                        .asText(),
                triggers.get("cpu").path("metadata").path("value").asText(),
                "the base HPA's CPU target");
        String query = triggers.get("prometheus").path("metadata").path("query").asText();
        assertTrue(query.contains(Metric.DISPATCH_READY.prometheusName()), query);
        assertTrue(query.contains("unless on (tenant)"), "paused tenants left out: " + query);
        assertEquals(Set.of(), notInCatalogue(query), "the query names metrics nothing emits");
        assertTrue(
                Integer.parseInt(triggers.get("prometheus")
                                .path("metadata")
                                .path("threshold")
                                .asText())
                        > 0,
                "threshold");
    }

    @Test
    void givenANameMissingFromTheCatalogue_whenChecked_thenItIsReportedAndPrometheusSuffixesAreNot() {
        String promql = "rate(dialgate_events_total[5m]) + dialgate_ingest_seconds_bucket + dialgate_ingest_seconds_max"
                + " + dialgate_ingest_seconds_count + dialgate_circuit_open + dialgate_events + dialgate_nope_total";

        assertEquals(Set.of("dialgate_events", "dialgate_nope_total"), notInCatalogue(promql));
    }

    @Test
    void givenDockerfiles_whenRead_thenRuntimeStagesRunNonRootOnPort8080FromTheDocumentedBaseImages()
            throws IOException {
        String nativeFile = Files.readString(REPO.resolve("deploy/Dockerfile.native"));
        String jvmFile = Files.readString(REPO.resolve("deploy/Dockerfile.jvm"));
        List<String> ignore = Files.readAllLines(REPO.resolve(".dockerignore")).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();

        assertTrue(
                nativeFile.contains("FROM quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-21 AS build"),
                "builder");
        assertTrue(nativeFile.contains("./mvnw -B package -Dnative -DskipTests"), "native build command");
        assertTrue(lastStage(nativeFile).contains("FROM quay.io/quarkus/ubi9-quarkus-micro-image:2.0"), "runtime base");
        assertTrue(lastStage(nativeFile).contains("USER 1001"), "native runtime user");
        assertTrue(lastStage(nativeFile).contains("EXPOSE 8080"), "native port");
        assertTrue(
                lastStage(nativeFile).contains("ENTRYPOINT [\"/work/application\", \"-Dquarkus.http.host=0.0.0.0\"]"),
                "native entrypoint in exec form");
        assertFalse(lastStage(nativeFile).contains("RUN "), "the runtime stage runs no shell command");

        assertTrue(jvmFile.contains("FROM registry.access.redhat.com/ubi9/openjdk-21-runtime:"), "JVM base");
        for (String layer : List.of("lib/", "*.jar", "app/", "quarkus/")) {
            assertTrue(jvmFile.contains("target/quarkus-app/" + layer), "JVM layer " + layer);
        }
        assertTrue(jvmFile.contains("USER 1001"), "JVM user");
        assertTrue(jvmFile.contains("EXPOSE 8080"), "JVM port");
        assertTrue(jvmFile.contains("/deployments/quarkus-run.jar"), "JVM launcher");

        assertEquals("*", ignore.get(0), ".dockerignore starts by excluding everything");
        assertTrue(
                ignore.containsAll(List.of("!mvnw", "!.mvn/", "!pom.xml", "!src/main/", "!target/quarkus-app/")),
                ignore::toString);
    }

    // ================================================================ helpers

    /** The dialgate series names in {@code text} that no catalogue metric emits. */
    private static Set<String> notInCatalogue(String text) {
        Set<String> unknown = new TreeSet<>();
        Matcher m = METRIC_REF.matcher(text);
        while (m.find()) {
            if (Metric.ofSeries(m.group(1)).isEmpty()) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Rendered overlay(String region) {
        return render("overlays/" + region);
    }

    /** Renders a kustomization of the temporary copy once and caches it. */
    private static Rendered render(String dir) {
        List<String> command = renderCommand(copy.resolve("k8s").resolve(dir));
        return RENDERED.computeIfAbsent(dir, d -> {
            Result result = run(command, copy, null, RENDER_TIMEOUT);
            if (result.exit() != 0) {
                fail(String.join(" ", command) + " failed (exit " + result.exit() + "):\n" + result.err());
            }
            try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(result.out())) {
                List<JsonNode> objects = new ArrayList<>();
                while (it.hasNext()) {
                    JsonNode node = it.next();
                    if (node != null && !node.isNull() && !node.isMissingNode()) {
                        objects.add(node);
                    }
                }
                assertFalse(objects.isEmpty(), dir + " rendered no object");
                return new Rendered(result.out(), objects);
            } catch (IOException e) {
                throw new UncheckedIOException(dir + ": output is not YAML", e);
            }
        });
    }

    private static List<String> renderCommand(Path kustomization) {
        Optional<Path> kubectl = onPath("kubectl");
        if (kubectl.isPresent()) {
            return List.of(kubectl.get().toString(), "kustomize", kustomization.toString());
        }
        Optional<Path> kustomize = onPath("kustomize");
        if (kustomize.isPresent()) {
            return List.of(kustomize.get().toString(), "build", kustomization.toString());
        }
        Assumptions.assumeTrue(
                false,
                "kubectl not found on PATH (nor a standalone kustomize): skipping the Kubernetes manifest checks");
        throw new IllegalStateException("unreachable");
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> names = windows ? List.of(tool + ".exe", tool + ".cmd", tool) : List.of(tool);
        for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : names) {
                Path candidate = Path.of(dir).resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private record Result(int exit, String out, String err) {
        String all() {
            return out + (err.isBlank() ? "" : "\n" + err);
        }
    }

    /** Runs a command with its output in files (no pipe deadlock), optionally feeding stdin from a string. */
    private static Result run(List<String> command, Path dir, String stdin, Duration timeout) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("dialgate-run-");
            Path out = scratch.resolve("out");
            Path err = scratch.resolve("err");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (stdin != null) {
                Path in = scratch.resolve("in");
                Files.writeString(in, stdin, StandardCharsets.UTF_8);
                pb.redirectInput(in.toFile());
            } else {
                pb.redirectInput(ProcessBuilder.Redirect.from(new File(windowsOrUnixNull())));
            }
            Process process = pb.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        } finally {
            if (scratch != null) {
                try (Stream<Path> files = Files.walk(scratch)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary directory left behind is harmless
                }
            }
        }
    }

    private static String windowsOrUnixNull() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "NUL" : "/dev/null";
    }

    private static JsonNode podSpec(Rendered out) {
        return out.single("Deployment").path("spec").path("template").path("spec");
    }

    private static JsonNode container(Rendered out) {
        JsonNode containers = podSpec(out).path("containers");
        assertEquals(1, containers.size(), "one container");
        return containers.get(0);
    }

    /** A container's securityContext field, or the pod's when the container does not set it. */
    private static JsonNode effective(JsonNode pod, JsonNode container, String field) {
        JsonNode own = container.path("securityContext").path(field);
        return own.isMissingNode() ? pod.path("securityContext").path(field) : own;
    }

    private static Map<String, String> config(Rendered out) {
        Map<String, String> data = new HashMap<>();
        out.single("ConfigMap")
                .path("data")
                .fields()
                .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    private static Map<String, String> secretValues(JsonNode secret) {
        Map<String, String> values = new HashMap<>();
        secret.path("data")
                .fields()
                .forEachRemaining(e -> values.put(
                        e.getKey(),
                        new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
        secret.path("stringData")
                .fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    private static Map<String, String> labels(JsonNode objectOrTemplate) {
        Map<String, String> labels = new HashMap<>();
        objectOrTemplate
                .path("metadata")
                .path("labels")
                .fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** The selector is non-empty and every one of its labels is on the target with the same value. */
    private static void assertSelects(JsonNode selector, Map<String, String> target, String what) {
        assertTrue(selector.isObject() && selector.size() > 0, what + " is empty");
        selector.fields()
                .forEachRemaining(e -> assertEquals(
                        e.getValue().asText(),
                        target.get(e.getKey()),
                        what + " label " + e.getKey() + " does not match"));
    }

    /** Every port of a list of NetworkPolicy rules as port/protocol; a rule without ports would allow them all. */
    private static Set<String> ports(JsonNode rules, String what) {
        assertTrue(rules.size() > 0, what + " has no rule");
        Set<String> ports = new HashSet<>();
        for (JsonNode rule : rules) {
            assertTrue(rule.path("ports").size() > 0, what + " rule without ports allows every port: " + rule);
            rule.path("ports").forEach(p -> {
                assertTrue(p.path("endPort").isMissingNode(), what + " port range: " + p);
                ports.add(p.path("port").asText() + "/" + p.path("protocol").asText("TCP"));
            });
        }
        return ports;
    }

    private static void assertAlert(Map<String, JsonNode> alerts, String name, String forDuration, String exprPart) {
        JsonNode rule = alerts.get(name);
        assertTrue(rule != null, "missing alert " + name);
        String expr = rule.path("expr").asText().replaceAll("\\s+", " ");
        assertTrue(expr.contains(exprPart), name + " expr: " + expr);
        if (forDuration != null) {
            assertEquals(forDuration, rule.path("for").asText(), name + " for");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static JsonNode single(Iterable<JsonNode> nodes, java.util.function.Predicate<JsonNode> match) {
        List<JsonNode> found = new ArrayList<>();
        for (Iterator<JsonNode> it = nodes.iterator(); it.hasNext(); ) {
            JsonNode n = it.next();
            if (match.test(n)) {
                found.add(n);
            }
        }
        assertEquals(1, found.size(), "expected exactly one match in " + nodes);
        return found.get(0);
    }

    /** A Quarkus duration in the short form used here (e.g. 15S, 30M, 1H). */
    private static long seconds(String duration) {
        return Duration.parse("PT" + duration).toSeconds();
    }

    private static String lastStage(String dockerfile) {
        return dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
    }
}
