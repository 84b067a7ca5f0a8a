package io.dialgate.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.genesys.GenesysReply;
import io.dialgate.genesys.LoginTrouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The retry table of docs/DESIGN.md, one case per row, named after the row's first column. No clock, no Redis, no HTTP:
 * the backoff delays are fixed values, so each case checks the exact delay chosen.
 */
class RetryTableTest {

    private static final Duration BUSY = Duration.ofMillis(1_111);
    private static final Duration ERROR = Duration.ofMillis(2_222);
    private static final RetryTable.Backoffs BACKOFFS = new RetryTable.Backoffs(BUSY, ERROR);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer of a row and the delay it leads to. */
    private record Example(GenesysReply reply, Duration delay) {}

    /** One row of the table: its name in DESIGN.md, its outcome, the label in {@code dialgate_applies_total}. */
    private record Row(String name, ApplyOutcome.Kind kind, String label, List<Example> examples) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Row> ROWS = List.of(
            new Row(
                    "2xx",
                    ApplyOutcome.Kind.APPLIED,
                    "applied",
                    List.of(new Example(answer(200), Duration.ZERO), new Example(answer(204), Duration.ZERO))),
            new Row(
                    "409 (any call)",
                    ApplyOutcome.Kind.BUSY,
                    "busy",
                    List.of(new Example(answer(409, "{\"code\":\"contact.in.use\",\"contextId\":\"c\"}"), BUSY))),
            new Row(
                    "429",
                    ApplyOutcome.Kind.RETRY,
                    "rate_limited",
                    List.of(
                            new Example(answer(429), Duration.ofSeconds(5)),
                            new Example(answer(429, Duration.ofSeconds(30)), Duration.ofSeconds(30)),
                            new Example(answer(429, Duration.ofSeconds(180)), Duration.ofSeconds(180)))),
            new Row(
                    "5xx, timeout, connection failure",
                    ApplyOutcome.Kind.RETRY,
                    "error",
                    List.of(
                            new Example(answer(500), ERROR),
                            new Example(answer(503, Duration.ofSeconds(60)), ERROR),
                            new Example(new GenesysReply.Unanswered("SocketTimeoutException: Read timed out"), ERROR),
                            new Example(new GenesysReply.Unanswered("ConnectException: Connection refused"), ERROR))),
            new Row(
                    "401 after a token refetch",
                    ApplyOutcome.Kind.RETRY,
                    "unauthorized",
                    List.of(new Example(answer(401), ERROR))),
            new Row(
                    "429 with `Retry-After` > 180 s",
                    ApplyOutcome.Kind.DEFER,
                    "daily_limit",
                    List.of(
                            new Example(answer(429, Duration.ofSeconds(181)), Duration.ofSeconds(181)),
                            new Example(answer(429, Duration.ofHours(7)), Duration.ofHours(7)))),
            new Row(
                    "(not sent: budget, open breaker)",
                    ApplyOutcome.Kind.DEFER,
                    "deferred",
                    List.of(
                            new Example(
                                    new GenesysReply.NotSent(
                                            "waiting for the tenant's API budget", Duration.ofMillis(750)),
                                    Duration.ofMillis(750)),
                            new Example(
                                    new GenesysReply.NotSent("circuit breaker open", Duration.ofSeconds(30)),
                                    Duration.ofSeconds(30)))),
            new Row("408", ApplyOutcome.Kind.RETRY, "error", List.of(new Example(answer(408), ERROR))),
            new Row(
                    "token endpoint: any answer without a token, or none",
                    ApplyOutcome.Kind.RETRY,
                    "no_token",
                    List.of(
                            new Example(
                                    new GenesysReply.NoToken(
                                            LoginTrouble.CREDENTIALS_REFUSED,
                                            answer(400, "{\"error\":\"invalid_client\"}")),
                                    ERROR),
                            new Example(new GenesysReply.NoToken(LoginTrouble.LOGIN_UNREACHABLE, answer(200)), ERROR),
                            new Example(
                                    new GenesysReply.NoToken(
                                            LoginTrouble.LOGIN_UNREACHABLE,
                                            new GenesysReply.Unanswered("ConnectException: Connection refused")),
                                    ERROR))),
            new Row(
                    "any other 4xx (400, 403, 404, …)",
                    ApplyOutcome.Kind.FAILED,
                    "failed",
                    List.of(
                            new Example(answer(400), Duration.ZERO),
                            new Example(answer(403), Duration.ZERO),
                            new Example(answer(404), Duration.ZERO),
                            new Example(answer(422), Duration.ZERO))));

    static Stream<Row> rows() {
        return ROWS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachRowOfTheDesignTableDecidesTheOutcome(Row row) {
        for (Example example : row.examples()) {
            ApplyOutcome outcome = RetryTable.outcome("PUT", example.reply(), BACKOFFS);

            String what = row.name() + " / " + example.reply();
            assertEquals(row.kind(), outcome.kind(), what);
            assertEquals(example.delay(), outcome.delay(), what);
            assertEquals(row.label(), outcome.metricLabel(), what);
        }
    }

    @Test
    void theDesignTableHasExactlyTheseRowsWithTheseOutcomes() throws IOException {
        Map<String, String> documented = designTable();
        Map<String, String> tested = new LinkedHashMap<>();
        ROWS.forEach(row -> tested.put(row.name(), row.kind().name()));

        assertEquals(tested, documented);
    }

    @Test
    void aRefusedCallKeepsWhichCallItWasAndGenesysErrorFieldsInLastError() throws IOException {
        ApplyOutcome outcome = RetryTable.outcome(
                "GET",
                answer(404, "{\"code\":\"not.found\",\"message\":\"no contact\",\"contextId\":\"c-1\"}"),
                BACKOFFS);

        JsonNode error = JSON.readTree(outcome.errorJson());
        assertEquals("GET", error.get("call").asText());
        assertEquals(404, error.get("status").asInt());
        assertEquals("not.found", error.get("code").asText());
        assertEquals("no contact", error.get("message").asText());
        assertEquals("c-1", error.get("contextId").asText());
    }

    @Test
    void aCallWithoutAnswerKeepsStatusZeroAndTheFailureInLastError() throws IOException {
        ApplyOutcome outcome =
                RetryTable.outcome("PUT", new GenesysReply.Unanswered("ConnectException: refused"), BACKOFFS);

        JsonNode error = JSON.readTree(outcome.errorJson());
        assertEquals(0, error.get("status").asInt());
        assertEquals("ConnectException: refused", error.get("message").asText());
    }

    /** The first two columns of the table under "Genesys answers (retry table)". */
    private static Map<String, String> designTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/DESIGN.md"));
        int heading = lines.indexOf("## Genesys answers (retry table)");
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.split("\\|");
            String first = cells[1].trim();
            if (first.equals("Genesys answered") || first.startsWith("---")) {
                continue;
            }
            rows.put(first, cells[2].trim());
        }
        return rows;
    }

    private static GenesysReply answer(int status) {
        return new GenesysReply.Answered(status, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static GenesysReply answer(int status, Duration retryAfter) {
        return new GenesysReply.Answered(status, Optional.empty(), Optional.of(retryAfter), Optional.empty());
    }

    private static GenesysReply answer(int status, String body) {
        try {
            return new GenesysReply.Answered(
                    status, Optional.of(JSON.readTree(body)), Optional.empty(), Optional.empty());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
