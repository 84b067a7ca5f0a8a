package io.dialgate.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body as JSON within the size limit. Resources read bodies themselves, after authentication, so an
 * unauthenticated caller learns nothing about what the body should look like and a body is never parsed for nothing.
 */
@ApplicationScoped
public class JsonBody {

    private final ObjectMapper json;
    private final int maxBytes;

    public JsonBody(ObjectMapper json, HttpConfig config) {
        this.json = json;
        this.maxBytes = config.maxBodyBytes();
    }

    public JsonNode read(InputStream body) {
        return parse(bytes(body));
    }

    /** The raw body, refused with 413 past the limit; for callers that must see the bytes (signatures). */
    public byte[] bytes(InputStream body) {
        try {
            byte[] bytes = body == null ? new byte[0] : body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw Problems.tooLarge("The body is larger than " + maxBytes + " bytes.");
            }
            return bytes;
        } catch (IOException e) {
            throw Problems.badRequest("The body could not be read: " + e.getMessage());
        }
    }

    /** A body already read whole (by the HTTP layer, within its own larger limit), refused with 413 past ours. */
    public byte[] bytes(byte[] body) {
        if (body == null) {
            return new byte[0];
        }
        if (body.length > maxBytes) {
            throw Problems.tooLarge("The body is larger than " + maxBytes + " bytes.");
        }
        return body;
    }

    public JsonNode parse(byte[] bytes) {
        try {
            JsonNode root = json.readTree(bytes);
            if (root == null || root.isMissingNode()) {
                throw Problems.badRequest("The body is empty; a JSON body is required.");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw Problems.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw Problems.badRequest("The body could not be read as JSON: " + e.getMessage());
        }
    }
}
