package io.dialgate.http;

/** Redis could not be reached or did not answer in time; the operation did not happen (or is unknown). */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
