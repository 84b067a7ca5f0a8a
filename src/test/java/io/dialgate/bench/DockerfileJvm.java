package io.dialgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM flags {@code deploy/Dockerfile.jvm} ships, so the benchmark measures dialgate with exactly those: the
 * {@code -X…} options of its {@code GC_CONTAINER_OPTIONS} and {@code JAVA_OPTS_APPEND} (the {@code -D} system
 * properties there only concern the container: host, log manager, tmpdir), with {@code /deployments/} read as the
 * {@code target/quarkus-app} folder. A {@code -XX:SharedArchiveFile} there is the AppCDS archive the image creates at
 * build time; {@link #createArchive} creates it here the same way, with this machine's JDK.
 */
record DockerfileJvm(List<String> options) {

    private static final Pattern ENV = Pattern.compile("^ENV\\s+(GC_CONTAINER_OPTIONS|JAVA_OPTS_APPEND)=\"([^\"]*)\"");
    private static final String IMAGE_DIR = "/deployments/";
    private static final String ARCHIVE_FLAG = "-XX:SharedArchiveFile=";

    static DockerfileJvm read(Path dockerfile, Path appDir) throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(dockerfile)) {
            Matcher env = ENV.matcher(line.trim());
            if (env.find()) {
                for (String option : env.group(2).trim().split("\\s+")) {
                    if (option.startsWith("-X")) {
                        options.add(option.replace(IMAGE_DIR, appDir.toAbsolutePath() + "/"));
                    }
                }
            }
        }
        return new DockerfileJvm(List.copyOf(options));
    }

    String describe() {
        return options.isEmpty() ? "JVM defaults (no flags)" : "`" + String.join(" ", options) + "`";
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
