package dev.sipyard.testing;

import dev.sipyard.SipyardServer;
import dev.sipyard.config.Settings;
import dev.sipyard.config.SettingsLoader;
import dev.sipyard.project.NewProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real server, in this JVM, on a free loopback port, over a fresh SQLite file or PostgreSQL
 * database. Tests talk to it only over HTTP (and SIP), like any client.
 */
public final class TestServer implements AutoCloseable {
    private final Backend backend;
    private final Path dataDir;
    private final Settings settings;
    private final SipyardServer server;

    private TestServer(Backend backend, Map<String, String> extraEnv) {
        this(backend, extraEnv, newDataDir(), null);
    }

    private TestServer(Backend backend, Map<String, String> extraEnv, Path dataDir, String dbUrl) {
        this.backend = backend;
        this.dataDir = dataDir;
        Map<String, String> env = new HashMap<>();
        env.put(SettingsLoader.HTTP_ADDR, "127.0.0.1:0");
        env.put("SIPYARD_SIP_ADDR", "127.0.0.1:0");
        // TLS and WebSocket listeners only where a test asks for them (a certificate costs a key generation)
        env.put("SIPYARD_SIP_TLS_ADDR", "off");
        env.put("SIPYARD_SIP_WS_ADDR", "off");
        env.put("SIPYARD_SIP_WSS_ADDR", "off");
        env.put(SettingsLoader.METRICS_ADDR, "127.0.0.1:0");
        env.put(SettingsLoader.DATA_DIR, dataDir.toString());
        env.put(SettingsLoader.DB, dbUrl != null ? dbUrl : TestDatabases.fresh(backend, dataDir));
        env.putAll(extraEnv);
        this.settings = SettingsLoader.load(env);
        this.server = SipyardServer.open(settings).start();
    }

    private static Path newDataDir() {
        try {
            return Files.createTempDirectory("sipyard-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new server over the same database and data folder as this one (this one must be closed first). */
    public TestServer restart(Map<String, String> extraEnv) {
        return new TestServer(backend, extraEnv, dataDir, settings.dbUrl());
    }

    /** Settings that open the TLS, WS and WSS listeners on free loopback ports. */
    public static final Map<String, String> ALL_SIP_LISTENERS = Map.of("SIPYARD_SIP_TLS_ADDR", "127.0.0.1:0",
            "SIPYARD_SIP_WS_ADDR", "127.0.0.1:0", "SIPYARD_SIP_WSS_ADDR", "127.0.0.1:0");

    /** The SIP listeners' bound ports. */
    public dev.sipyard.sip.transport.SipStack.Ports sipPorts() {
        return server.sip().ports();
    }

    public static TestServer start(Backend backend) {
        return new TestServer(backend, Map.of());
    }

    public static TestServer start(Backend backend, Map<String, String> extraEnv) {
        return new TestServer(backend, extraEnv);
    }

    public Backend backend() {
        return backend;
    }

    public Settings settings() {
        return settings;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.httpPort();
    }

    /** The base URL of the /metrics listener (on a free loopback port unless a test set it off). */
    public String metricsBaseUrl() {
        return "http://127.0.0.1:" + server.metricsPort().orElseThrow(() -> new IllegalStateException("metrics are off"));
    }

    /** The running server, for tests that create projects the way the CLI does. */
    public SipyardServer server() {
        return server;
    }

    /** A new project and a client authenticated as it. */
    public ApiClient newProject(String name) {
        NewProject p = createProject(name);
        return new ApiClient(baseUrl(), p.project().id(), p.token());
    }

    public NewProject createProject(String name) {
        NewProject p = server.domain().projects().create(name);
        TestSecrets.record(p.token());
        return p;
    }

    /** A client that sends no credentials. */
    public ApiClient anonymous() {
        return new ApiClient(baseUrl(), null, null);
    }

    @Override
    public void close() {
        server.close();
    }
}
