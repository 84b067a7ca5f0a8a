package io.dialgate.it;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged application (jar, or native executable with {@code -Dnative}) runs with a read-only root filesystem:
 * deploy/readonly-check.sh starts it from a read-only directory with only java.io.tmpdir writable, against a real
 * redis-server, and sends it one event. A plain JUnit test: the script starts everything it needs itself.
 */
class ReadOnlyFilesystemIT {

    private static final Path SCRIPT = Path.of("deploy", "readonly-check.sh");
    private static final Path LOG = Path.of("target", "readonly-check.log");

    @Test
    void thePackagedAppServesAnEventFromAReadOnlyDirectoryWritingOnlyToItsTempDir() throws Exception {
        ProcessBuilder check = new ProcessBuilder("bash", SCRIPT.toString())
                .redirectErrorStream(true)
                .redirectOutput(LOG.toFile());
        check.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        check.environment().put("EMBEDDED_REDIS_JAR", jarOf(redis.embedded.RedisServer.class));

        Process process = check.start();
        boolean finished = process.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }

        String output = Files.readString(LOG, StandardCharsets.UTF_8);
        assertTrue(finished, "readonly-check.sh did not finish within 90 s:\n" + output);
        assertEquals(0, process.exitValue(), "readonly-check.sh failed:\n" + output);
        assertTrue(output.contains("readonly-check: OK"), output);
    }

    private static String jarOf(Class<?> type) throws URISyntaxException {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getAbsolutePath();
    }
}
