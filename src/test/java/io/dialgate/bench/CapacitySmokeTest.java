package io.dialgate.bench;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.testing.InjectRedisProcess;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.ManagementInterface;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.RespClient;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench/capacity} in a few seconds, so it cannot rot: calibration, check and model run at tiny volumes
 * against the test application, and the tables must be whole and their values sane. Whether the model predicts the
 * check within 25 % is not asserted here (tens of operations, dialgate sharing the test JVM with the load); the full
 * run says that.
 */
@QuarkusTest
class CapacitySmokeTest {

    @InjectSimulator
    GenesysSimulator genesys;

    @InjectRedisProcess
    RedisProcess redis;

    @TestHTTPResource("/")
    URL dialgate;

    @Test
    void calibratesChecksAndSizesARegion() throws Exception {
        CapacitySettings settings = CapacitySettings.smoke(Path.of("target", "capacity-smoke"));
        GateTarget acme = target(TestTenants.ACME, TestTenants.ACME_INGEST_TOKEN, TestTenants.ACME_CRM_TOKEN);
        GateTarget cyberdyne = target("cyberdyne", "cyberdyne-ingest-token", "cyberdyne-crm-token");
        GateTarget umbrella = target("umbrella", "umbrella-ingest-token", "umbrella-crm-token");
        CapacityRun.Outcome outcome;
        try (RespClient resp = new RespClient(redis.port());
                CapacityTraffic traffic = new CapacityTraffic(EventCorpus.create())) {
            CapacityProbe probe =
                    new CapacityProbe(resp, ProcessHandle.current().pid(), traffic, genesys, System.out);
            outcome =
                    CapacityRun.run(settings, probe, acme, acme, cyberdyne, List.of(umbrella), TestTenants.ALL.size());
        }
        String table = outcome.table();
        System.out.println(table);

        for (String row : CapacityReport.CHECK_ROWS) {
            assertTrue(table.contains("| " + row + " |"), "missing check row " + row + " in\n" + table);
        }
        for (int tenants : CapacityReport.REGION_TENANTS) {
            assertTrue(table.contains(String.format("| %,d |", tenants)), "missing region row " + tenants);
        }
        assertTrue(table.contains("PASS") || table.contains("FAIL"), table);
        assertTrue(table.contains("load average"), "the load is part of every result");

        CapacityCosts costs = outcome.costs();
        assertTrue(costs.event().scriptCalls() >= 0.5 && costs.event().scriptCalls() < 5, table);
        assertTrue(costs.event().commands() >= costs.event().scriptCalls(), table);
        assertTrue(costs.appliedWrite().scriptCalls() >= 2, "accept, claim and complete at least: " + table);
        assertTrue(costs.appliedWrite().commands() > costs.heldWrite().commands(), table);
        // bytes over tens of keys move with whatever else the test application keeps in Redis; key counts do not
        assertTrue(costs.memory().activeContact().keys() >= 1, "a dial keeps its dial: hash at least: " + table);
        assertTrue(costs.memory().finishedDial().keys() >= 1, table);
        assertTrue(costs.memory().pendingWrite().keys() >= 1, "a held write keeps its write: record: " + table);
        assertTrue(costs.memory().firstWrite().keys() >= 1, table);

        CapacityCheck.Workload w = outcome.check().workload();
        assertEquals(4 * w.dials(), w.events(), "every dial's four events were accepted");
        assertTrue(w.heldWrites() > 0 && w.appliedWrites() > 0, table);
        assertTrue(
                outcome.check().work().commands() > 0 && outcome.check().work().scriptCalls() > 0, table);

        CapacityModel.Region small = CapacityModel.region(costs, settings.profile(), 10);
        CapacityModel.Region large = CapacityModel.region(costs, settings.profile(), 1_000);
        assertTrue(large.shards() >= small.shards(), table);
        // commands, not bytes: bytes per unit over tens of keys can come out negative in seconds of a shared Redis
        assertTrue(large.commandsPerSecond() > small.commandsPerSecond(), table);
    }

    private GateTarget target(String tenant, String ingestToken, String crmToken) {
        String clientId = tenant + "-client";
        return new GateTarget(
                dialgate.toString().replaceAll("/$", ""),
                ManagementInterface.baseUrl(),
                tenant,
                ingestToken,
                crmToken,
                genesys,
                clientId,
                TestTenants.CLIENTS.get(clientId),
                redis.port(),
                ProcessHandle.current().pid());
    }
}
