package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.HttpResult;
import dev.sipyard.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A failure inside the server reaches the client as the contract's 500 body, never a stack trace;
 * the operator finds the details in the log, and the server keeps serving.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NoStackTraceProcessTest extends ProcessTestBase {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDatabaseFailureIsAPlain500AndTheServerStaysUp(Backend backend) throws Exception {
        String dbUrl = TestDatabases.fresh(backend, dataDir);
        Map<String, String> settings = SipyardProcess.settings(dataDir, dbUrl);
        JsonNode p = MAPPER.readTree(SipyardProcess.run(settings, logDir, "project", "create", "--name", "p",
                "--json").stdout());
        try (SipyardProcess server = SipyardProcess.serve(settings, logDir)) {
            ApiClient api = new ApiClient(server.baseUrl(), p.get("project_id").asText(), p.get("token").asText());
            HttpResult created = api.post(ENDPOINTS, Map.of("username", "alice", "password", "Correct-Horse-9"));
            assertThat(created.status()).isEqualTo(201);
            String id = created.json().get("id").asText();

            // Pull the table from under the running server (an operator's mistake, a broken migration ...).
            sql(dbUrl, "ALTER TABLE sip_endpoints RENAME TO sip_endpoints_away");
            try {
                for (HttpResult r : new HttpResult[] {api.get(ENDPOINTS), api.get(ENDPOINTS + "/" + id),
                        api.post(ENDPOINTS, Map.of("username", "bob", "password", "Battery-Staple-7"))}) {
                    assertThat(r.status()).as(r.toString()).isEqualTo(500);
                    assertThat(r.body()).isEqualTo("{\"error\":\"Internal Server Error\"}");
                    assertThat(r.header("Content-Type")).startsWith("application/json");
                }
            } finally {
                sql(dbUrl, "ALTER TABLE sip_endpoints_away RENAME TO sip_endpoints");
            }
            // The details went to the operator's log, not to the client.
            assertThat(server.stderr().lines()).anyMatch(l -> l.contains("ApiServer") && l.contains("sip_endpoints"));

            // The server stayed up and serves the same data again.
            HttpResult again = api.get(ENDPOINTS + "/" + id);
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(again.json().get("username").asText()).isEqualTo("alice");

            // Requests that break HTTP itself get short answers from the server, not its internals.
            assertNoInternals(raw(server.port(), "GET /api/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            assertNoInternals(raw(server.port(), "GET /api/healthz HTTP/1.1\r\nHost: x\r\nBroken header\r\n"
                    + "Connection: close\r\n\r\n"));
            assertNoInternals(raw(server.port(), "POST " + ENDPOINTS + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}"));
            assertNoInternals(raw(server.port(), "GET /api/healthz HTTP/1.1\r\nHost: x\r\nX-Big: "
                    + "a".repeat(64 * 1024) + "\r\nConnection: close\r\n\r\n"));
            assertNoInternals(raw(server.port(), "POST " + ENDPOINTS + " HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString(
                            (p.get("project_id").asText() + ":" + p.get("token").asText()).getBytes(StandardCharsets.UTF_8))
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + "zz\r\n{}\r\n0\r\n\r\n"));
            assertThat(server.isAlive()).isTrue();
            assertThat(api.get(ENDPOINTS).status()).isEqualTo(200);
        }
    }

    private static AbstractStringAssert<?> assertNoInternals(String response) {
        return assertThat(response).as(response)
                .startsWith("HTTP/1.1 4")
                .doesNotContain("Exception")
                .doesNotContainPattern("\\bat [a-z]+\\.[\\w.$]+\\(")
                .doesNotContain("org.eclipse.jetty")
                .doesNotContain("dev.sipyard")
                .doesNotContain("<pre>");
    }

    private static void sql(String dbUrl, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** One raw HTTP exchange; the whole response as text (the server closes the connection or 5 s pass). */
    private static String raw(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // what arrived is the answer
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
