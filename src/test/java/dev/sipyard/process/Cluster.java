package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.SipTestClient;
import dev.sipyard.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Several nodes as one server for process tests: one fresh PostgreSQL, a project made by the CLI
 * as an operator would, and nodes started as real processes, each on its own loopback address
 * (127.0.0.2, 127.0.0.3, ...) with its own data folder, SIP port and name.
 */
final class Cluster {
    static final String NODE_A = "127.0.0.2";
    static final String NODE_B = "127.0.0.3";
    static final String NODE_C = "127.0.0.4";

    private final Path dataDir;
    private final Path logDir;
    private final String dbUrl;
    private final Map<String, String> shared;
    private final String projectId;
    private final String token;

    private Cluster(Path dataDir, Path logDir, String dbUrl, Map<String, String> shared, String projectId,
                    String token) {
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.dbUrl = dbUrl;
        this.shared = shared;
        this.projectId = projectId;
        this.token = token;
    }

    /** One database, one project made by the CLI; {@code extra} settings apply to every node. */
    static Cluster create(Path dataDir, Path logDir, Map<String, String> extra) {
        String dbUrl = TestDatabases.fresh(Backend.POSTGRES, dataDir);
        Map<String, String> shared = new HashMap<>(SipyardProcess.settings(dataDir, dbUrl));
        shared.putAll(extra);
        SipyardProcess.Result created = SipyardProcess.run(shared, logDir, "project", "create", "--name", "cluster",
                "--json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        JsonNode project;
        try {
            project = new ObjectMapper().readTree(created.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Cluster(dataDir, logDir, dbUrl, shared, project.get("project_id").asText(),
                project.get("token").asText());
    }

    String dbUrl() {
        return dbUrl;
    }

    String projectId() {
        return projectId;
    }

    String token() {
        return token;
    }

    /** A node on {@code host}: its own data folder, SIP over UDP and TCP on its own port, its name. */
    Node start(String host, String name) {
        return start(host, name, Map.of());
    }

    /** As {@link #start(String, String)}, with settings of this node only. */
    Node start(String host, String name, Map<String, String> extra) {
        return start(host, name, extra, false);
    }

    /**
     * As {@link #start(String, String)}, with SIP over TLS (a self-signed certificate made at start),
     * WebSocket and secure WebSocket too, each on its own port; other tests leave them off to start faster.
     */
    Node startWithTlsAndWebSocket(String host, String name) {
        return start(host, name, Map.of(), true);
    }

    private Node start(String host, String name, Map<String, String> extra, boolean tlsAndWs) {
        int sipPort = SipyardProcess.freePort();
        int tlsPort = tlsAndWs ? SipyardProcess.freePort() : 0;
        int wsPort = tlsAndWs ? SipyardProcess.freePort() : 0;
        int wssPort = tlsAndWs ? SipyardProcess.freePort() : 0;
        Map<String, String> env = new HashMap<>(shared);
        env.put("SIPYARD_DATA_DIR", dataDir.resolve(name).toString());
        env.put("SIPYARD_SIP_ADDR", host + ":" + sipPort);
        env.put("SIPYARD_SIP_TLS_ADDR", tlsAndWs ? host + ":" + tlsPort : "off");
        env.put("SIPYARD_SIP_WS_ADDR", tlsAndWs ? host + ":" + wsPort : "off");
        env.put("SIPYARD_SIP_WSS_ADDR", tlsAndWs ? host + ":" + wssPort : "off");
        env.put("SIPYARD_NODE_ID", name);
        env.putAll(extra);
        return new Node(host, sipPort, tlsPort, wsPort, wssPort, SipyardProcess.serveOn(host, env, logDir));
    }

    /** One running node; {@code tlsPort}, {@code wsPort} and {@code wssPort} are 0 when those listeners are off. */
    record Node(String host, int sipPort, int tlsPort, int wsPort, int wssPort, SipyardProcess process)
            implements AutoCloseable {
        ApiClient api(String project, String token) {
            return new ApiClient(process.baseUrl(), project, token);
        }

        SipTestClient udpFrom(String localIp) {
            return SipTestClient.to("udp", localIp, host, sipPort);
        }

        SipTestClient tcpFrom(String localIp) {
            return SipTestClient.to("tcp", localIp, host, sipPort);
        }

        /** A TLS connection to this node (started with {@link Cluster#startWithTlsAndWebSocket}). */
        SipTestClient tlsFrom(String localIp) {
            return SipTestClient.to("tls", localIp, host, requireOn(tlsPort, "TLS"));
        }

        /** A WebSocket connection to this node (started with {@link Cluster#startWithTlsAndWebSocket}). */
        SipTestClient ws() {
            return SipTestClient.to("ws", "127.0.0.1", host, requireOn(wsPort, "WebSocket"));
        }

        /** A secure WebSocket connection to this node (started with {@link Cluster#startWithTlsAndWebSocket}). */
        SipTestClient wss() {
            return SipTestClient.to("wss", "127.0.0.1", host, requireOn(wssPort, "Secure WebSocket"));
        }

        private static int requireOn(int port, String transport) {
            if (port == 0) {
                throw new IllegalStateException(transport + " is off on this node: see startWithTlsAndWebSocket");
            }
            return port;
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
