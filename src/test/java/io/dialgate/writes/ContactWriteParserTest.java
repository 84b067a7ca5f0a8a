package io.dialgate.writes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContactWriteParserTest {

    private final ObjectMapper json = new ObjectMapper();

    private ContactWrite parse(String body) throws Exception {
        return ContactWriteParser.parse(json.readTree(body));
    }

    private String refusal(String body) {
        return assertThrows(ProblemException.class, () -> parse(body)).problem().detail();
    }

    @Test
    void readsColumnsCallableAndPhoneStatuses() throws Exception {
        ContactWrite write = parse("{\"data\":{\"tier\":\"gold\",\"note\":\"\"},\"callable\":false,"
                + "\"phoneNumberStatus\":{\"home\":{\"callable\":false}}}");
        assertEquals(Map.of("tier", "gold", "note", ""), write.data());
        assertEquals(Optional.of(false), write.callable());
        assertEquals(Map.of("home", false), write.phoneNumberStatus());
    }

    @Test
    void refusesANumberWhereGenesysWantsAString() {
        assertEquals("data.balance must be a string (Genesys stores contact columns as strings); got number.",
                refusal("{\"data\":{\"balance\":12}}"));
    }

    @Test
    void refusesAnUnknownTopLevelField() {
        assertEquals("Unknown field \"date\"; allowed: callable, data, mode, phoneNumberStatus.",
                refusal("{\"date\":{\"a\":\"b\"}}"));
    }

    @Test
    void refusesAWriteThatChangesNothing() {
        assertEquals(400, assertThrows(ProblemException.class, () -> parse("{\"data\":{}}")).problem().status());
    }

    @Test
    void refusesAPhoneStatusWithoutABooleanCallable() {
        assertEquals("phoneNumberStatus.home must be {\"callable\": true|false}.",
                refusal("{\"phoneNumberStatus\":{\"home\":{\"callable\":\"no\"}}}"));
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        assertEquals(400, assertThrows(ProblemException.class, () -> parse("[1,2]")).problem().status());
    }

    @Test
    void refusesAReplaceWithoutData() {
        assertEquals("\"mode\": \"replace\" needs \"data\": the complete columns of the contact (send "
                + "\"data\": {} to clear them all on purpose).", refusal("{\"mode\":\"replace\"}"));
        assertEquals(400, assertThrows(ProblemException.class,
                () -> parse("{\"mode\":\"replace\",\"data\":null,\"callable\":false}")).problem().status());
    }

    @Test
    void acceptsAReplaceThatClearsTheDataOnPurpose() throws Exception {
        assertEquals(Map.of(), parse("{\"mode\":\"replace\",\"data\":{}}").data());
    }
}
