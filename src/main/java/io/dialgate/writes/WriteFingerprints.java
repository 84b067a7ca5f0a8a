package io.dialgate.writes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.state.ContactRef;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Canonical forms of write requests, so that an Idempotency-Key's request can be recognised when it comes again. */
@ApplicationScoped
class WriteFingerprints {

    private final ObjectMapper json;

    WriteFingerprints(ObjectMapper json) {
        this.json = json;
    }

    IdempotencyKey single(String key, ContactRef contact, ContactWrite write) {
        return IdempotencyKey.of(key, "PATCH " + contact.contactListId() + "/" + contact.contactId(), canonical(write));
    }

    IdempotencyKey batch(String key, String contactListId, List<?> canonicalItems) {
        try {
            return IdempotencyKey.of(key, "BATCH " + contactListId, json.writeValueAsString(canonicalItems));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key order and the order of columns in the request do not matter; values do. */
    String canonical(ContactWrite write) {
        Map<String, Object> form = new TreeMap<>();
        form.put("data", new TreeMap<>(write.data()));
        form.put("phoneNumberStatus", new TreeMap<>(write.phoneNumberStatus()));
        form.put("callable", write.callable().map(String::valueOf).orElse(""));
        form.put("mode", write.mode().name());
        try {
            return json.writeValueAsString(form);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
