package io.dialgate.config;

import io.smallrye.config.FallbackConfigSourceInterceptor;

import java.util.Map;

/**
 * Properties that moved to the group of the package that reads them, mapped to their former names: a deployment that
 * still sets a former name keeps working. An explicitly set value wins over a default, whichever name it is set under;
 * registered through {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}.
 */
public class RenamedProperties extends FallbackConfigSourceInterceptor {

    /** Current name → former name. */
    static final Map<String, String> FORMER_NAMES = Map.of(
            "dialgate.writes.retention", "dialgate.dispatch.write-retention",
            "dialgate.state.finished-dial-memory", "dialgate.dispatch.finished-dial-memory",
            "dialgate.http.max-body-bytes", "dialgate.ingest.max-body-bytes");

    public RenamedProperties() {
        super(name -> FORMER_NAMES.getOrDefault(name, name));
    }
}
