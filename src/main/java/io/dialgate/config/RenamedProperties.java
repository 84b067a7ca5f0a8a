package io.dialgate.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Properties that moved to the group of the package that reads them, with their former names: a deployment that still
 * sets a former name keeps working. A value set under either name wins over a default; set under both, the one from
 * the higher-ordinal source wins, and the current name on a tie. Registered through
 * {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor} (Quarkus finds it at build time).
 */
public class RenamedProperties implements ConfigSourceInterceptor {

    /** Current name → former name. */
    static final Map<String, String> FORMER_NAMES = Map.of(
            "dialgate.writes.retention", "dialgate.dispatch.write-retention",
            "dialgate.state.finished-dial-memory", "dialgate.dispatch.finished-dial-memory",
            "dialgate.http.max-body-bytes", "dialgate.ingest.max-body-bytes");

    private static final Map<String, String> CURRENT_NAMES = FORMER_NAMES.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue current = context.proceed(name);
        String former = FORMER_NAMES.get(name);
        ConfigValue formerValue = former == null ? null : context.proceed(former);
        if (formerValue == null) {
            return current;
        }
        boolean formerWins = current == null || ConfigValue.CONFIG_SOURCE_COMPARATOR.compare(current, formerValue) < 0;
        return formerWins ? formerValue.withName(name) : current;
    }

    /**
     * Names a value set under a former name by its current name, so the check for unknown properties (which knows
     * only the current names) accepts it.
     */
    @Override
    public Iterator<String> iterateNames(ConfigSourceInterceptorContext context) {
        Set<String> names = new LinkedHashSet<>();
        context.iterateNames().forEachRemaining(name -> names.add(CURRENT_NAMES.getOrDefault(name, name)));
        return names.iterator();
    }
}
