package io.helmdeck.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One service running as a child JVM. It writes straight to its log file; a follower thread copies new lines
 * to the launcher's console. Going through the file rather than a pipe loses no line when the child exits.
 */
public final class ServiceProcess {

    private static final long FOLLOW_INTERVAL_MILLIS = 100;

    private final PlatformService service;
    private final Process process;
    private final Path logFile;
    private final Console console;
    private final Thread follower;

    private ServiceProcess(PlatformService service, Process process, Path logFile, Console console) {
        this.service = service;
        this.console = console;
        this.process = process;
        this.logFile = logFile;
        this.follower = new Thread(this::follow, service.moduleName() + "-output");
        this.follower.setDaemon(true);
    }

    /** Starts {@code java -jar <module>/target/quarkus-app/quarkus-run.jar} with the given extra environment. */
    public static ServiceProcess start(PlatformService service, Path javaBinary, Path projectRoot,
                                       Map<String, String> extraEnvironment, Path logFile, Console console)
            throws StartupException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                javaBinary.toString(), "-jar", service.runnerJar(projectRoot).toString()))
                .directory(projectRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(extraEnvironment);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Process process = builder.start();
            process.getOutputStream().close();
            ServiceProcess child = new ServiceProcess(service, process, logFile, console);
            child.follower.start();
            return child;
        } catch (IOException e) {
            throw new StartupException("cannot start " + service.moduleName() + ": " + e.getMessage(), e);
        }
    }

    /** Copies complete lines from the log file to the console until the process has ended and all is read. */
    private void follow() {
        try (InputStream in = Files.newInputStream(logFile)) {
            byte[] buffer = new byte[8192];
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                // Checked before reading, so the last pass after the exit drains everything.
                boolean ended = !process.isAlive();
                int read;
                while ((read = in.read(buffer)) > 0) {
                    for (int i = 0; i < read; i++) {
                        // A '\n' byte never occurs inside a multi-byte UTF-8 character.
                        if (buffer[i] == '\n') {
                            print(line);
                        } else {
                            line.write(buffer[i]);
                        }
                    }
                }
                if (ended) {
                    if (line.size() > 0) {
                        print(line);
                    }
                    return;
                }
                Thread.sleep(FOLLOW_INTERVAL_MILLIS);
            }
        } catch (IOException e) {
            console.line(service.moduleName(), "(cannot follow " + logFile + ": " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void print(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        console.line(service.moduleName(), text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        line.reset();
    }

    public PlatformService service() {
        return service;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Exit code of a process that has ended. */
    public int exitCode() {
        return process.exitValue();
    }

    /** Completes with this service when its process ends. */
    public CompletableFuture<ServiceProcess> onExit() {
        return process.onExit().thenApply(ended -> this);
    }

    /**
     * Ends a child process the way the local run ends its services: SIGTERM, then SIGKILL if it is still there after
     * 20 s. For the harnesses (bench, end-to-end) that start processes of their own.
     */
    public static void terminate(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the service to shut down gracefully (SIGTERM). */
    public void requestStop() {
        process.destroy();
    }

    /** Waits up to {@code timeoutSeconds} for the service to end (then kills it) and for its last lines to print. */
    public void awaitStop(long timeoutSeconds) {
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            follower.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
