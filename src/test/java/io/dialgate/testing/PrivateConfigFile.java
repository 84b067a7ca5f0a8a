package io.dialgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * Configuration a test hands to a dialgate process in a properties file readable by its owner only, named by
 * {@code quarkus.config.locations}: secrets, even test ones, must never stand on a command line, which launchers
 * print and {@code ps} shows, nor in the environment a process listing or a crash report may dump.
 */
public final class PrivateConfigFile {

    private PrivateConfigFile() {}

    /** Writes the properties (replacing the file) and returns the value for {@code quarkus.config.locations}. */
    public static String write(Path file, Map<String, String> properties, String comment) {
        Properties content = new Properties();
        content.putAll(properties);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file);
            ownerOnly(file);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                content.store(out, comment);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file.toAbsolutePath().toUri().toString();
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile folders are private already
        }
    }
}
