package dev.sipyard.process;

import static org.assertj.core.api.Assertions.fail;

import dev.sipyard.config.SettingsLoader;
import dev.sipyard.testing.TestSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real sipyard, as a separate JVM: {@code java -cp <test class path> dev.sipyard.Sipyard ...}
 * with settings in environment variables, the way an operator runs it. Output goes to files so a
 * chatty process can never block on a full pipe; a test reads them whenever it likes.
 */
final class SipyardProcess implements AutoCloseable {
    /** How long a server may take to answer its health check (2 busy cores, a cold JVM). */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** How long a CLI command may take. */
    static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final Process process;
    private final Path stdoutFile;
    private final Path stderrFile;
    private final String host;
    private final int port;

    private SipyardProcess(Process process, Path stdoutFile, Path stderrFile, String host, int port) {
        this.process = process;
        this.stdoutFile = stdoutFile;
        this.stderrFile = stderrFile;
        this.host = host;
        this.port = port;
    }

    /** What a finished CLI command left behind. */
    record Result(int exitCode, String stdout, String stderr) {
        List<String> stdoutLines() {
            return nonBlankLines(stdout);
        }

        List<String> stderrLines() {
            return nonBlankLines(stderr);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }

    /** How a test starts sipyard: the command words that come before sipyard's own arguments. */
    @FunctionalInterface
    interface Launcher {
        List<String> command();
    }

    /** {@code java -cp <test class path> dev.sipyard.Sipyard}: a small, quick-starting JVM. */
    static final Launcher TEST_CLASSPATH = () -> {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small and quick to start: the machine is shared, and these tests measure behaviour, not speed.
        cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.sipyard.Sipyard");
        return cmd;
    };

    /** Settings for a server over {@code dbUrl} with its data in {@code dataDir} (the port is added by {@link #serve}). */
    static Map<String, String> settings(Path dataDir, String dbUrl) {
        Map<String, String> env = new HashMap<>();
        env.put(SettingsLoader.DATA_DIR, dataDir.toString());
        env.put(SettingsLoader.DB, dbUrl);
        env.put(SettingsLoader.SIP_DOMAIN, "sip.test.example");
        return env;
    }

    /** Starts {@code sipyard serve} on a free loopback port and waits until {@code /api/healthz} answers 200. */
    static SipyardProcess serve(Map<String, String> settings, Path logDir) {
        return serveOn("127.0.0.1", settings, logDir);
    }

    /** As {@link #serve}, with the REST API on {@code host} (a node of several: 127.0.0.2, 127.0.0.3, ...). */
    static SipyardProcess serveOn(String host, Map<String, String> settings, Path logDir) {
        return serve(TEST_CLASSPATH, host, settings, logDir);
    }

    /** As {@link #serve(Map, Path)}, started by {@code launcher}. */
    static SipyardProcess serve(Launcher launcher, Map<String, String> settings, Path logDir) {
        return serve(launcher, "127.0.0.1", settings, logDir);
    }

    private static SipyardProcess serve(Launcher launcher, String host, Map<String, String> settings, Path logDir) {
        int port = freePort();
        Map<String, String> env = new HashMap<>(settings);
        env.put(SettingsLoader.HTTP_ADDR, host + ":" + port);
        env.putIfAbsent(SettingsLoader.METRICS_ADDR, host + ":" + freePort());
        int run = RUNS.incrementAndGet();
        Path out = logDir.resolve("serve-" + run + ".out");
        Path err = logDir.resolve("serve-" + run + ".err");
        Process p = launch(launcher, env, out, err, "serve");
        SipyardProcess server = new SipyardProcess(p, out, err, host, port);
        try {
            server.awaitHealthy();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * As {@link #serve}, logging as a real installation does: with the jar's logback.xml rather than
     * the test classpath's logback-test.xml (the JVM then prints one "Picked up JAVA_TOOL_OPTIONS" line).
     */
    static SipyardProcess serveWithProductionLogging(Map<String, String> settings, Path logDir) {
        Path config = Path.of(System.getProperty("sipyard.test.classpath", "target/classes"), "logback.xml");
        Map<String, String> env = new HashMap<>(settings);
        env.put("JAVA_TOOL_OPTIONS", "-Dlogback.configurationFile=" + config);
        return serve(env, logDir);
    }

    /** Starts {@code sipyard serve} and returns without waiting (for settings that must stop the start). */
    static Result serveExpectingExit(Map<String, String> env, Path logDir) {
        return run(env, logDir, "serve");
    }

    /** Runs one CLI command to its end (bounded by {@link #CLI_TIMEOUT}). */
    static Result run(Map<String, String> env, Path logDir, String... args) {
        return run(TEST_CLASSPATH, env, logDir, args);
    }

    /** As {@link #run(Map, Path, String...)}, started by {@code launcher}. */
    static Result run(Launcher launcher, Map<String, String> env, Path logDir, String... args) {
        int run = RUNS.incrementAndGet();
        Path out = logDir.resolve("cli-" + run + ".out");
        Path err = logDir.resolve("cli-" + run + ".err");
        Process p = launch(launcher, env, out, err, args);
        try {
            if (!p.waitFor(CLI_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("sipyard " + String.join(" ", args) + " did not finish within " + CLI_TIMEOUT
                        + "\n" + read(out) + read(err));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        TestSecrets.keepProcessLog(err);
        return new Result(p.exitValue(), read(out), read(err));
    }

    private static Process launch(Launcher launcher, Map<String, String> env, Path out, Path err, String... args) {
        List<String> cmd = new ArrayList<>(launcher.command());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("SIPYARD_"));
        pb.environment().putAll(env);
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("sipyard serve exited with " + process.exitValue() + " before it was healthy:\n" + stdout()
                        + stderr());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        fail("sipyard serve was not healthy within " + START_TIMEOUT + ":\n" + stdout() + stderr());
    }

    String baseUrl() {
        return "http://" + host + ":" + port;
    }

    int port() {
        return port;
    }

    String stdout() {
        return read(stdoutFile);
    }

    String stderr() {
        return read(stderrFile);
    }

    /** The server's stdout once it contains {@code needle} (it is printed just after the listener opens). */
    String awaitStdout(String needle) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!stdout().contains(needle)) {
            if (System.nanoTime() > deadline) {
                fail("sipyard's stdout never showed '" + needle + "':\n" + stdout() + stderr());
            }
            sleep(50);
        }
        return stdout();
    }

    /** The program the process runs now (after any {@code exec} of a launcher script), as the OS reports it. */
    String program() {
        return process.info().command().orElse("");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9: no shutdown hook, no flush, no goodbye. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(15));
    }

    /** SIGTERM, without waiting: the node drains, then exits. */
    void terminate() {
        process.destroy();
    }

    /** Its exit status once it has ended, waiting up to {@code limit}; empty while it still runs. */
    java.util.OptionalInt awaitExitCode(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)
                    ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("sipyard (pid " + process.pid() + ") did not exit within " + limit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A clean stop (SIGTERM, the shutdown hook closes the server); kill -9 if it does not end in time. */
    private boolean logKept;

    @Override
    public void close() {
        if (!process.isAlive()) {
            keepLog();
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        keepLog();
    }

    /** Its log joins the run's, for the run-wide secret scan (once: close may be called again). */
    private void keepLog() {
        if (!logKept) {
            logKept = true;
            TestSecrets.keepProcessLog(stderrFile);
        }
    }

    static List<String> nonBlankLines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    /**
     * A free loopback port, never one this JVM handed out before: the kernel may offer the same
     * ephemeral port to two calls in a row, and two settings on one port stop a server's start.
     */
    static int freePort() {
        for (int attempt = 0; ; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                if (HANDED_OUT.add(s.getLocalPort()) || attempt >= 50) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
