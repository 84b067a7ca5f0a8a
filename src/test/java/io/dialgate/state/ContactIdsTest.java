package io.dialgate.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContactIdsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0123456789abcdef0123456789abcdef",
                "CRM-000123_b",
                "a.b",
                "...",
                ".x",
                "x.",
                "user@example.com",
                "Müller:7",
                "+13175550123",
                "%2E%2E"
            })
    void opaqueIdsGenesysIssuesAreContactIds(String id) {
        assertTrue(ContactIds.isContactId(id), id);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                ".",
                "..",
                "a/b",
                "/",
                "a\\b",
                " x",
                "x ",
                "a b",
                "a\tb",
                "a\nb",
                "a\u00a0b",
                "a\u2028b",
                "a\u0000b",
                "a\u0085b",
                "a\u007fb"
            })
    void dotSegmentsSlashesWhitespaceAndControlCharactersAreNot(String id) {
        assertFalse(ContactIds.isContactId(id), id);
    }

    @Test
    void aContactIdHasAtMost256Characters() {
        assertTrue(ContactIds.isContactId("x".repeat(256)));
        assertFalse(ContactIds.isContactId("x".repeat(257)));
        assertFalse(ContactIds.isContactId(null));
    }

    @Test
    void listIdsAreUuidsInLowerCase() {
        assertEquals(
                Optional.of("6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11"),
                ContactIds.canonicalListId("6A9F0C9E-2D4B-4C47-9F59-2E6F8E1D0A11"));
        assertEquals(
                Optional.of("6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11"),
                ContactIds.canonicalListId("6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11"));
        assertEquals(Optional.empty(), ContactIds.canonicalListId("list-1"));
        assertEquals(Optional.empty(), ContactIds.canonicalListId("6a9f0c9e:2d4b-4c47-9f59-2e6f8e1d0a11"));
        assertEquals(Optional.empty(), ContactIds.canonicalListId("6a9f0c9e2d4b4c479f592e6f8e1d0a11"));
        assertEquals(Optional.empty(), ContactIds.canonicalListId(null));
    }

    @Test
    void aContactRefKeepsItsListIdInLowerCase() {
        assertEquals(
                "6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11",
                new ContactRef("6A9F0C9E-2D4B-4C47-9F59-2E6F8E1D0A11", "c").contactListId());
    }
}
