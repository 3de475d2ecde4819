package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The release tarball that {@code ./mvnw package} made (target/sipyard-&lt;version&gt;.tar.gz), as an operator
 * uses it: unpacked with {@code tar} into an empty folder, started with its own launcher, a project made
 * with its CLI, that project's token used on the API, then stopped with SIGTERM.
 *
 * <p>It runs in the {@code integration-test} phase of {@code ./mvnw verify}, after {@code package}: the pom's
 * second surefire execution names this class and passes the tarball's path in {@code sipyard.release.tarball}.
 * Run alone in the {@code test} phase (no tarball yet) it is skipped.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReleaseTarballIT extends ProcessTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path unpackDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theUnpackedTarballServesAndItsCliMakesAProjectWhoseTokenOpensTheApi(Backend backend) throws Exception {
        Path home = unpack(tarball());
        assertThat(home.resolve("sipyard")).isExecutable();
        assertThat(List.of("sipyard.jar", "bin/java-env.sh", "bin/sipyard-jvm.sh", "sipyard.env.sample",
                "sipyard.service", "README.md", "docs/errors.md"))
                .allSatisfy(file -> assertThat(home.resolve(file)).isRegularFile());
        assertThat(home.resolve("lib")).isDirectoryContaining("glob:**/picocli-*.jar");
        // the release runs from what it ships: no build tool, no sources
        assertThat(List.of("mvnw", "src", "pom.xml")).allSatisfy(file -> assertThat(home.resolve(file)).doesNotExist());

        Map<String, String> env = settings(backend);
        SipyardProcess.Launcher launcher = () -> List.of(home.resolve("sipyard").toString());
        String stderr;
        try (SipyardProcess server = SipyardProcess.serve(launcher, env, logDir)) {
            // The launcher execs the JVM: the process the service manager signals is java itself.
            assertThat(server.program()).endsWith("/bin/java");

            SipyardProcess.Result created =
                    SipyardProcess.run(launcher, env, logDir, "project", "create", "--name", "Release Co", "--json");
            assertThat(created.exitCode()).as(created.toString()).isZero();
            assertThat(created.stdoutLines()).as(created.toString()).hasSize(1);
            JsonNode project = JSON.readTree(created.stdout());
            String projectId = project.get("project_id").asText();
            String token = project.get("token").asText();

            ApiClient client = new ApiClient(server.baseUrl(), projectId, token);
            var endpoint = client.post(ENDPOINTS,
                    Map.of("username", "alice", "password", "Correct-Horse-9"));
            assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);
            var list = client.get(ENDPOINTS);
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            assertThat(list.json().get("data")).hasSize(1);
            assertThat(list.json().get("data").get(0).get("username").asText()).isEqualTo("alice");

            var wrongToken = new ApiClient(server.baseUrl(), projectId, token + "x").get(ENDPOINTS);
            assertThat(wrongToken.status()).as(wrongToken.toString()).isEqualTo(401);

            server.close(); // SIGTERM, as systemd stops it
            assertThat(server.isAlive()).isFalse();
            stderr = server.stderr();
        }
        assertThat(stderr).as("the shutdown hook ran to its end").contains("SipyardServer - stopped");
        assertThat(stderr).doesNotContain("Exception");
    }

    /** A container image or a server may have a Java runtime without a compiler: the launcher takes it. */
    @Test
    void theLauncherRunsOnAJavaRuntimeWithoutACompiler(@TempDir Path jre) throws Exception {
        Path home = unpack(tarball());
        // a runtime home with bin/java only (no javac), which notes each use and runs the real java
        Path uses = jre.resolve("uses.txt");
        Path java = Files.createDirectories(jre.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$*\" >> '" + uses + "'\nexec '"
                + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();

        Map<String, String> env = Map.of("JAVA_HOME", jre.toString(), "PATH", "/usr/bin:/bin");
        SipyardProcess.Result version =
                SipyardProcess.run(() -> List.of(home.resolve("sipyard").toString()), env, logDir, "--version");
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.stdout()).as(version.toString()).startsWith("sipyard ");
        assertThat(Files.readAllLines(uses)).as("the JVM that ran the jar came from JAVA_HOME\n%s", version)
                .anySatisfy(line -> assertThat(line).contains("-jar " + home.resolve("sipyard.jar")));
    }

    /**
     * Settings as an operator would give them, on free ports: the API on a free loopback port (added by
     * {@link SipyardProcess#serve}), SIP on port 0, which puts TLS, WS and WSS on free ports too, so every
     * listener and the self-signed certificate (BouncyCastle from lib/) come up from the release.
     */
    private Map<String, String> settings(Backend backend) {
        Map<String, String> env = new HashMap<>(freshSettings(backend));
        env.put("SIPYARD_SIP_ADDR", "127.0.0.1:0");
        env.put("SIPYARD_HEAP", "256m");
        // small and quick to start on a shared machine; also shows SIPYARD_JAVA_OPTS reaching the JVM
        env.put("SIPYARD_JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }

    private static Path tarball() {
        String path = System.getProperty("sipyard.release.tarball");
        Assumptions.assumeTrue(path != null && !path.isBlank(),
                "the release tarball is tested by ./mvnw verify, after package made it");
        Path tarball = Path.of(path);
        assertThat(tarball).as("./mvnw package makes the release tarball").isRegularFile();
        return tarball;
    }

    /** {@code tar -xzf}, as an operator would; returns the one folder the tarball holds. */
    private Path unpack(Path tarball) throws Exception {
        Processes.Result tar = Processes.run(List.of("tar", "-xzf", tarball.toString()), unpackDir, 120);
        assertThat(tar.exit()).as(tar.output()).isZero();
        try (Stream<Path> top = Files.list(unpackDir)) {
            List<Path> entries = top.toList();
            String expected = tarball.getFileName().toString().replaceFirst("\\.tar\\.gz$", "");
            assertThat(entries).as("the tarball unpacks into one folder named after it")
                    .containsExactly(unpackDir.resolve(expected));
            return entries.get(0);
        }
    }
}
