package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.config.SettingsLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A setting the server cannot use stops the start: exit code not 0, one line that names the
 * setting, no stack trace, and nothing created (no database file, no first-start token).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BadSettingsProcessTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path logDir;

    static Stream<Arguments> badSettings() {
        return Stream.of(
                bad("SIPYARD_HTTP_ADDR=nonsense", SettingsLoader.HTTP_ADDR,
                        (env, dir) -> env.put(SettingsLoader.HTTP_ADDR, "nonsense")),
                bad("SIPYARD_HTTP_ADDR with a port out of range", SettingsLoader.HTTP_ADDR,
                        (env, dir) -> env.put(SettingsLoader.HTTP_ADDR, "127.0.0.1:70000")),
                bad("SIPYARD_HTTP_ADDR with a host that does not resolve", SettingsLoader.HTTP_ADDR,
                        (env, dir) -> env.put(SettingsLoader.HTTP_ADDR, "no-such-host.invalid:8080")),
                bad("SIPYARD_DB=mysql://x", SettingsLoader.DB,
                        (env, dir) -> env.put(SettingsLoader.DB, "mysql://x")),
                bad("SIPYARD_DB_POOL=0", SettingsLoader.DB_POOL,
                        (env, dir) -> env.put(SettingsLoader.DB_POOL, "0")),
                bad("SIPYARD_SIP_DOMAIN with a space", SettingsLoader.SIP_DOMAIN,
                        (env, dir) -> env.put(SettingsLoader.SIP_DOMAIN, "bad domain")),
                bad("SIPYARD_PUBLIC_URL not http(s)", SettingsLoader.PUBLIC_URL,
                        (env, dir) -> env.put(SettingsLoader.PUBLIC_URL, "ftp://example.com")),
                bad("SIPYARD_TRUSTED_PROXIES with a host name", SettingsLoader.TRUSTED_PROXIES,
                        (env, dir) -> env.put(SettingsLoader.TRUSTED_PROXIES, "127.0.0.1,proxy.example.com")),
                bad("a config file with an unknown key", "SIPYARD_HTTP_ADRR",
                        (env, dir) -> env.put(SettingsLoader.CONFIG, write(dir.resolve("sipyard.properties"),
                                "SIPYARD_SIP_DOMAIN=sip.example.com\nSIPYARD_HTTP_ADRR=127.0.0.1:8080\n"))),
                bad("a config file with a bad value", SettingsLoader.HTTP_ADDR, (env, dir) -> {
                    env.remove(SettingsLoader.HTTP_ADDR); // the environment would win over the file
                    env.put(SettingsLoader.CONFIG, write(dir.resolve("sipyard.properties"),
                            "SIPYARD_HTTP_ADDR=127.0.0.1:port\n"));
                }),
                bad("a config file that does not exist", SettingsLoader.CONFIG,
                        (env, dir) -> env.put(SettingsLoader.CONFIG, dir.resolve("missing.properties").toString())));
    }

    private static Arguments bad(String name, String setting, BiConsumer<Map<String, String>, Path> change) {
        return Arguments.of(name, setting, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void aBadSettingStopsTheStartWithOneLineNamingIt(String name, String setting,
                                                     BiConsumer<Map<String, String>, Path> change) throws IOException {
        Map<String, String> env = SipyardProcess.settings(dataDir, "jdbc:sqlite:" + dataDir.resolve("sipyard.db"));
        env.put(SettingsLoader.HTTP_ADDR, "127.0.0.1:" + SipyardProcess.freePort());
        change.accept(env, logDir);

        SipyardProcess.Result r = SipyardProcess.serveExpectingExit(env, logDir);

        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.stdout()).as(r.toString()).isBlank();
        assertThat(r.stderrLines()).as("exactly one line on stderr:\n%s", r).hasSize(1);
        assertThat(r.stderrLines().get(0)).contains(setting);
        assertNoStackTrace(r);
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).as("a refused start creates no database").isEmpty();
        }

        // The operator commands read the same settings and refuse them the same way.
        SipyardProcess.Result cli = SipyardProcess.run(env, logDir, "project", "create", "--name", "x", "--json");
        assertThat(cli.exitCode()).as(cli.toString()).isNotZero();
        assertThat(cli.stdout()).isBlank();
        assertThat(cli.stderrLines()).hasSize(1);
        assertThat(cli.stderrLines().get(0)).contains(setting);
    }

    @Test
    void anAddressAlreadyInUseStopsTheStartNamingTheSettingAndShowsNoToken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = SipyardProcess.settings(dataDir, "jdbc:sqlite:" + dataDir.resolve("sipyard.db"));
            env.put(SettingsLoader.HTTP_ADDR, "127.0.0.1:" + taken.getLocalPort());

            SipyardProcess.Result r = SipyardProcess.serveExpectingExit(env, logDir);

            assertThat(r.exitCode()).as(r.toString()).isNotZero();
            assertThat(r.stdout()).as("no first-start credentials from a start that failed").doesNotContain("token");
            assertNoStackTrace(r);
            List<String> verdict = r.stderrLines().stream().filter(l -> l.startsWith("sipyard:")).toList();
            assertThat(verdict).as(r.toString()).hasSize(1);
            assertThat(verdict.get(0)).contains(SettingsLoader.HTTP_ADDR + "=127.0.0.1:" + taken.getLocalPort())
                    .containsIgnoringCase("in use");
        }
        // Once the address is free, the first start shows the credentials after all.
        try (SipyardProcess server = SipyardProcess.serve(
                SipyardProcess.settings(dataDir, "jdbc:sqlite:" + dataDir.resolve("sipyard.db")), logDir)) {
            assertThat(server.awaitStdout("curl ")).contains("API token");
        }
    }

    @Test
    void anUnreachableDatabaseStopsTheStartWithOneLineNamingTheSettingAndNoPassword() {
        int closedPort = SipyardProcess.freePort();
        Map<String, String> env = SipyardProcess.settings(dataDir,
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/sipyard?user=sipyard&password=s3cret-pw");

        SipyardProcess.Result r = SipyardProcess.serveExpectingExit(env, logDir);

        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertNoStackTrace(r);
        assertThat(r.stdout() + r.stderr()).doesNotContain("s3cret-pw");
        List<String> verdict = r.stderrLines().stream().filter(l -> l.startsWith("sipyard:")).toList();
        assertThat(verdict).as(r.toString()).hasSize(1);
        assertThat(verdict.get(0)).contains(SettingsLoader.DB + "=jdbc:postgresql://127.0.0.1:" + closedPort);
        assertThat(r.stderrLines()).as("no multi-line driver or migration report:\n%s", r)
                .noneMatch(l -> l.startsWith("---") || l.startsWith("SQL State") || l.startsWith("Message"));
    }

    static void assertNoStackTrace(SipyardProcess.Result r) {
        assertThat(r.stdout() + r.stderr()).as(r.toString())
                .doesNotContainPattern("(?m)^\\s+at [\\w$.]+\\(")
                .doesNotContain("Caused by:")
                .doesNotContain("Exception");
    }

    private static String write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file.toString();
    }
}
