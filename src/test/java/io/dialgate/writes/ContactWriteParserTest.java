package io.dialgate.writes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.failure.FailureKind;
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
        return assertThrows(InvalidWriteException.class, () -> parse(body)).detail();
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
        assertEquals(
                "data.balance must be a string (Genesys stores contact columns as strings); got number.",
                refusal("{\"data\":{\"balance\":12}}"));
    }

    @Test
    void refusesAnUnknownTopLevelField() {
        assertEquals(
                "Unknown field \"date\"; allowed: callable, data, mode, phoneNumberStatus.",
                refusal("{\"date\":{\"a\":\"b\"}}"));
    }

    @Test
    void refusesAWriteThatChangesNothing() {
        assertEquals(
                FailureKind.INVALID_INPUT,
                assertThrows(InvalidWriteException.class, () -> parse("{\"data\":{}}"))
                        .kind());
    }

    @Test
    void refusesAPhoneStatusWithoutABooleanCallable() {
        assertEquals(
                "phoneNumberStatus.home must be {\"callable\": true|false}.",
                refusal("{\"phoneNumberStatus\":{\"home\":{\"callable\":\"no\"}}}"));
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        assertEquals(
                FailureKind.INVALID_INPUT,
                assertThrows(InvalidWriteException.class, () -> parse("[1,2]")).kind());
    }

    @Test
    void refusesAReplaceWithoutData() {
        assertEquals(
                "\"mode\": \"replace\" needs \"data\": the complete columns of the contact (send "
                        + "\"data\": {} to clear them all on purpose).",
                refusal("{\"mode\":\"replace\"}"));
        assertEquals(
                FailureKind.INVALID_INPUT,
                assertThrows(
                                InvalidWriteException.class,
                                () -> parse("{\"mode\":\"replace\",\"data\":null,\"callable\":false}"))
                        .kind());
    }

    @Test
    void acceptsAReplaceThatClearsTheDataOnPurpose() throws Exception {
        assertEquals(Map.of(), parse("{\"mode\":\"replace\",\"data\":{}}").data());
    }
}
