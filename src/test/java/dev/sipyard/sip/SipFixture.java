package dev.sipyard.sip;

import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.HttpResult;
import dev.sipyard.testing.SipAgent;
import dev.sipyard.testing.SipPhone;
import dev.sipyard.testing.SipTestClient;
import dev.sipyard.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A running server with one project, and endpoints made through the API, for SIP tests. */
final class SipFixture implements AutoCloseable {
    final TestServer server;
    final ApiClient api;
    final String domain;
    private final List<SipTestClient> clients = new ArrayList<>();

    SipFixture(Backend backend) {
        this(backend, Map.of());
    }

    SipFixture(Backend backend, Map<String, String> env) {
        this(TestServer.start(backend, env));
    }

    SipFixture(TestServer server) {
        this.server = server;
        this.api = server.newProject("sip test");
        this.domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
    }

    /** Creates an endpoint and returns its id. */
    String endpoint(String username, String password) {
        HttpResult r = api.post("/api/fabric/resources/sip_endpoints", Map.of("username", username,
                "password", password));
        if (r.status() != 201) {
            throw new AssertionError(r.toString());
        }
        return r.json().get("id").asText();
    }

    /** Changes fields of an endpoint through the API (fails the test unless 200). */
    void patchEndpoint(String endpointId, Map<String, Object> fields) {
        HttpResult r = api.patch("/api/fabric/resources/sip_endpoints/" + endpointId, fields);
        if (r.status() != 200) {
            throw new AssertionError(r.toString());
        }
    }

    SipTestClient udp() {
        return track(SipTestClient.udp(server.sipPorts().udp()));
    }

    SipTestClient tcp() {
        return track(SipTestClient.tcp(server.sipPorts().tcp()));
    }

    SipTestClient tls() {
        return track(SipTestClient.of("TLS", "127.0.0.1", server.sipPorts().tls()));
    }

    SipTestClient ws() {
        return track(SipTestClient.of("WS", "127.0.0.1", server.sipPorts().ws()));
    }

    SipTestClient client(String transport, String localIp) {
        return track(SipTestClient.of(transport, localIp, server.sipPorts().udp()));
    }

    SipPhone phone(SipTestClient client, String user, String password) {
        return new SipPhone(client, user, domain, password);
    }

    /** A test phone for {@code user} on {@code client}, registered (fails the test if it cannot). */
    SipAgent registeredAgent(SipTestClient client, String user, String password) {
        SipAgent a = new SipAgent(phone(client, user, password));
        a.register();
        return a;
    }

    HttpResult registrations(String endpointId) {
        return api.get("/api/fabric/resources/sip_endpoints/" + endpointId + "/registrations");
    }

    private SipTestClient track(SipTestClient c) {
        clients.add(c);
        return c;
    }

    @Override
    public void close() {
        clients.forEach(SipTestClient::close);
        server.close();
    }
}
