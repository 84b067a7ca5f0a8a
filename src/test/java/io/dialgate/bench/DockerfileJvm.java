package io.dialgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM flags {@code deploy/Dockerfile.jvm} ships, so the benchmark measures dialgate with exactly those: the
 * {@code -X…} options of its {@code GC_CONTAINER_OPTIONS} and {@code JAVA_OPTS_APPEND}, and its
 * {@code MALLOC_ARENA_MAX} (the {@code -D} system
 * properties there only concern the container: host, log manager, tmpdir), with {@code /deployments/} read as the
 * {@code target/quarkus-app} folder. A {@code -XX:SharedArchiveFile} there is the AppCDS archive the image creates at
 * build time; {@link #createArchive} creates it here the same way, with this machine's JDK.
 */
record DockerfileJvm(List<String> options, Map<String, String> environment) {

    private static final Pattern ENV = Pattern.compile("^ENV\\s+(GC_CONTAINER_OPTIONS|JAVA_OPTS_APPEND)=\"([^\"]*)\"");
    /** Environment variables of the image that the JVM's native memory depends on, passed on as they are. */
    private static final Pattern NATIVE_ENV = Pattern.compile("^ENV\\s+(MALLOC_ARENA_MAX)=(\\S+)");

    private static final String IMAGE_DIR = "/deployments/";
    private static final String ARCHIVE_FLAG = "-XX:SharedArchiveFile=";

    static DockerfileJvm read(Path dockerfile, Path appDir) throws IOException {
        List<String> options = new ArrayList<>();
        Map<String, String> environment = new TreeMap<>();
        for (String line : Files.readAllLines(dockerfile)) {
            Matcher nativeEnv = NATIVE_ENV.matcher(line.trim());
            if (nativeEnv.find()) {
                environment.put(nativeEnv.group(1), nativeEnv.group(2));
            }
            Matcher env = ENV.matcher(line.trim());
            if (env.find()) {
                for (String option : env.group(2).trim().split("\\s+")) {
                    if (option.startsWith("-X")) {
                        options.add(option.replace(IMAGE_DIR, appDir.toAbsolutePath() + "/"));
                    }
                }
            }
        }
        return new DockerfileJvm(List.copyOf(options), Map.copyOf(environment));
    }

    String describe() {
        if (options.isEmpty() && environment.isEmpty()) {
            return "JVM defaults (no flags)";
        }
        StringBuilder flags = new StringBuilder("`");
        environment.forEach(
                (name, value) -> flags.append(name).append('=').append(value).append(' '));
        return flags.append(String.join(" ", options)).append('`').toString();
    }

    /**
     * Creates the AppCDS archive the flags name, as the image's build does: the application started in Quarkus's
     * archive-generation mode (it loads its classes and exits) with {@code -XX:ArchiveClassesAtExit}.
     */
    void createArchive(Path appDir) throws IOException, InterruptedException {
        for (String option : options) {
            if (option.startsWith(ARCHIVE_FLAG)) {
                Path archive = Path.of(option.substring(ARCHIVE_FLAG.length()));
                Files.deleteIfExists(archive);
                Process generate = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-XX:ArchiveClassesAtExit=" + archive,
                                "-Dquarkus.appcds.generate=true",
                                "-jar",
                                // the same absolute path dialgate is started with: the archive records its class path
                                appDir.toAbsolutePath()
                                        .resolve("quarkus-run.jar")
                                        .toString())
                        .directory(appDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(
                                appDir.resolve("app-cds-generation.log").toFile()))
                        .start();
                if (!generate.waitFor(180, TimeUnit.SECONDS) || !Files.isRegularFile(archive)) {
                    generate.destroyForcibly();
                    throw new IllegalStateException(
                            "the AppCDS archive was not created; see " + appDir.resolve("app-cds-generation.log"));
                }
            }
        }
    }
}
