package io.dialgate.dispatch;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.RecordedPut;
import io.dialgate.simulator.ScriptedResponse;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Merge mode PUTs back what the GET returned with the written columns on top, and PUT replaces {@code data} whole: a
 * 2xx GET whose body is not a contact (an object with an object {@code data}) would wipe every column the CRM did not
 * send. Such a GET is retried, never followed by a PUT.
 */
@QuarkusTest
class MergeReadTest {

    @InjectSimulator
    GenesysSimulator genesys;

    private final DialgateClient acme = DialgateClient.acme();
    private final String list = TestTenants.newListId();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "{\"id\":\"x\",\"contactListId\":\"y\"}",
                "{\"data\":\"none\"}",
                "{\"data\":null}",
                "\"<html>proxy login</html>\"",
                "<html><body>Sign in</body></html>",
                ""
            })
    void aGetAnsweredWithSomethingOtherThanAContactIsRetriedAndNoColumnIsLost(String body) {
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver", "phone", "+13175550123"));
        genesys.faults().nextGet(contact, ScriptedResponse.of(200, Map.of(), body.isEmpty() ? null : body));

        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");

        await().atMost(Duration.ofSeconds(15)).until(() -> acme.state(writeId).equals("APPLIED"));
        List<RecordedPut> puts = genesys.requestLog().puts(list, contact);
        assertEquals(1, puts.size(), "one PUT, after a GET that returned the contact");
        assertEquals(
                Map.of("tier", "gold", "phone", "+13175550123"),
                genesys.contacts().get(list, contact).orElseThrow().data());
    }
}
