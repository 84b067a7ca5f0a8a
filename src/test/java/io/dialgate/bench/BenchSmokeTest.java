package io.dialgate.bench;

import io.dialgate.demo.HtmlPage;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.testing.InjectRedisProcess;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark in a few seconds, so it cannot rot: every write path, the ingest runs, the ceilings and the memory
 * measurement run at low volume against the test application, and the results table must be whole and sane. The
 * numbers themselves mean nothing here (tiny volumes, dialgate sharing the test JVM); {@code bench/run} measures.
 */
@QuarkusTest
class BenchSmokeTest {

    @InjectSimulator
    GenesysSimulator genesys;

    @InjectRedisProcess
    RedisProcess redis;

    @TestHTTPResource("/")
    URL dialgate;

    @Test
    void everyPartRunsAndTheTableHasEveryRow() throws Exception {
        BenchSettings settings = BenchSettings.smoke(
                TestTenants.newListId(), genesys.rateLimit().requestsPerWindow(), Path.of("target", "bench-smoke"));
        String baseUrl = dialgate.toString().replaceAll("/$", "");
        GateTarget target = new GateTarget(
                baseUrl,
                io.dialgate.testing.ManagementInterface.baseUrl(),
                TestTenants.ACME,
                TestTenants.ACME_INGEST_TOKEN,
                TestTenants.ACME_CRM_TOKEN,
                genesys,
                TestTenants.ACME_CLIENT_ID,
                TestTenants.ACME_CLIENT_SECRET,
                redis.port(),
                ProcessHandle.current().pid());

        // The budget-bound rows use the test profile's tenants at Genesys's default budget, one per apply mode.
        BudgetScenario.Gates budgetGates = (mode, label) -> {
            String tenant = mode.equals("bulk") ? TestTenants.BUDGET_BULK : TestTenants.BUDGET_CONTACT;
            return new BudgetScenario.Gate(
                    baseUrl, tenant, tenant + "-ingest-token", tenant + "-crm-token", genesys, () -> {});
        };
        BenchResults results = new BenchRun(settings, System.out)
                .run(
                        target,
                        EventCorpus.create(),
                        List.of(),
                        List.of(),
                        "n/a (smoke test: dialgate runs inside the test JVM)",
                        budgetGates);
        String table = ResultsTable.render(results);
        System.out.println(table);

        String page = HtmlPage.fromMarkdown("dialgate benchmark", table).render();
        for (String row : ResultsTable.GATE_ROWS) {
            assertTrue(table.contains("| " + row + " |"), "missing row " + row + " in\n" + table);
            assertTrue(page.contains("<td>" + HtmlPage.escape(row) + "</td>"), "the page lacks row " + row);
        }
        assertFalse(page.contains("http"), "the page loads nothing from outside");
        for (ScenarioResult path : List.of(results.naive(), results.polling(), results.gate(), results.gateReplace())) {
            assertTrue(table.contains("| " + path.label() + " |"), "missing write path " + path.label());
            assertTrue(
                    path.tally().sent() > 10,
                    path.label() + " sent only " + path.tally().sent() + " writes");
            assertEquals(results.gate().tally().sent(), path.tally().sent(), "every path gets the same stream");
            assertTrue(path.settled(), path.label() + " still had writes in hand");
        }
        assertTrue(results.gate().inDial() > 0, "some writes must hit contacts in a dial");
        List<String> budgetPaths = List.of("naive", "polling", "apply-mode contact", "apply-mode bulk", "offered");
        assertEquals(budgetPaths.size(), results.budget().size(), table);
        for (int i = 0; i < budgetPaths.size(); i++) {
            BudgetScenario.Row row = results.budget().get(i);
            assertTrue(row.label().contains(budgetPaths.get(i)), row.label());
            assertTrue(table.contains("| " + row.label() + " |"), "missing budget row " + row.label());
            assertTrue(row.sent() > 10, row.label() + " sent only " + row.sent());
        }
        for (BudgetScenario.Row bulk : results.budget().subList(3, 5)) {
            assertEquals(0, bulk.lost(), bulk.label() + " loses no write");
            assertEquals(0, bulk.stillHeld(), bulk.label() + " drains its backlog");
            assertEquals(0, bulk.throttled(), bulk.label() + " stays within the budget: no 429");
            assertTrue(bulk.appliedPerMinute() > 0, bulk.label());
        }
        assertEquals(0, results.budget().get(2).lost(), "dialgate per contact loses no write");
        assertTrue(table.contains("Target: dialgate in bulk"), table);
        assertEquals(
                List.of("merge", "replace"),
                results.readyTogether().stream()
                        .map(BudgetScenario.ReadyTogether::mode)
                        .toList());
        for (BudgetScenario.ReadyTogether ready : results.readyTogether()) {
            assertTrue(ready.settled(), ready.mode() + ": every write ready together is applied");
            assertEquals(ready.writes(), ready.tally().applied(), ready.mode());
            assertEquals(0, ready.tally().lost(), ready.mode());
            assertTrue(ready.tally().upserts() > 0, ready.mode() + " writes through the upsert");
            assertEquals(0, ready.tally().puts(), ready.mode() + ": no single-contact PUT in bulk mode");
        }
        assertEquals(0, results.gate().tally().lost(), "dialgate loses no write");
        assertEquals(0, results.gateReplace().tally().lost(), "dialgate loses no write in replace mode");
        assertTrue(
                results.gate().tally().conflicts() <= results.naive().tally().conflicts(),
                "dialgate's 409s must not exceed the naive path's");
        assertTrue(results.gate().dialEnd().latency().count() > 0, "held writes were applied after their dials");
        assertTrue(results.gate().tally().callsPerAppliedWrite() <= 2.5, table);
        assertTrue(
                results.ingest().singleEventsPerSecond() > 0 && results.ingest().batchedEventsPerSecond() > 0, table);
        assertTrue(results.ingest().bare().perSecond() > 0, table);
        assertTrue(results.memory().bytesPerActiveContact() > 0, table);
        // The per-write figure is a used_memory difference that other keys expiring can hide in this short run (the
        // table then says so); the key-by-key breakdown is measured every time.
        assertTrue(results.memory().breakdown().contains("pw "), table);
        assertTrue(results.peaks().rss() > 0, table);
        assertTrue(
                results.acceptCost().crowdedMedianMicros() > 0
                        && results.acceptCost().oneMedianMicros() > 0,
                table);
        assertTrue(results.ingest().singleShareOfBare() > 0, table);
    }
}
