package io.dialgate.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A command-line tool the benchmark may use if it is installed (redis-benchmark, jcmd, jfr); never installs one. */
record ExternalTool(Path path) {

    /** Looks in the JDK running the benchmark first (jcmd, jfr), then on the PATH. */
    static Optional<ExternalTool> find(String name) {
        Optional<Path> javaBin =
                ProcessHandle.current().info().command().map(Path::of).map(Path::getParent);
        if (javaBin.isPresent() && Files.isExecutable(javaBin.get().resolve(name))) {
            return Optional.of(new ExternalTool(javaBin.get().resolve(name)));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(new ExternalTool(candidate));
            }
        }
        return Optional.empty();
    }

    /** Runs the tool with a time limit; its standard output and error together. */
    String run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(path.toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("bench-tool", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(path.getFileName() + " did not finish within " + timeoutSeconds + " s");
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
