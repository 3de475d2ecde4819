package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The operator's project and token commands, run as separate processes beside (and without) a running server. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CliProcessTest extends ProcessTestBase {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void projectAndTokenCommandsWorkWithAndWithoutARunningServer(Backend backend) throws Exception {
        Map<String, String> settings = freshSettings(backend);

        // No server running: the CLI creates a project in the configured database.
        NewProject offline = projectCreate(settings, "Offline Co");
        String offlineToken2 = tokenCreate(settings, offline.id());

        try (SipyardProcess server = SipyardProcess.serve(settings, logDir)) {
            // The CLI-made project exists for the server, and the database was not empty: no first-start token.
            assertThat(server.stdout()).doesNotContain("API token");
            assertThat(new ApiClient(server.baseUrl(), offline.id(), offline.token()).get(ENDPOINTS).status())
                    .isEqualTo(200);
            assertThat(new ApiClient(server.baseUrl(), offline.id(), offlineToken2).get(ENDPOINTS).status())
                    .isEqualTo(200);

            // Server running: a new project's printed credentials work against it at once.
            NewProject p = projectCreate(settings, "Acme Telephony");
            assertThat(p.domain()).endsWith(".sip.test.example").isNotEqualTo(offline.domain());
            ApiClient first = new ApiClient(server.baseUrl(), p.id(), p.token());
            var created = first.post(ENDPOINTS, Map.of("username", "alice", "password", "Correct-Horse-9"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String endpointId = created.json().get("id").asText();

            // A second token for the same project works too.
            String token2 = tokenCreate(settings, p.id());
            assertThat(token2).isNotEqualTo(p.token());
            ApiClient second = new ApiClient(server.baseUrl(), p.id(), token2);
            assertThat(second.get(ENDPOINTS + "/" + endpointId).status()).isEqualTo(200);

            // token list shows both tokens, active, without revealing either.
            SipyardProcess.Result list = SipyardProcess.run(settings, logDir, "token", "list", "--project", p.id());
            assertThat(list.exitCode()).as(list.toString()).isZero();
            assertThat(list.stdout()).doesNotContain(p.token()).doesNotContain(token2)
                    .doesNotContain(p.token().substring(0, 12)).doesNotContain(token2.substring(0, 12));
            List<String> rows = tokenRows(list);
            assertThat(rows).as(list.toString()).hasSize(2).allSatisfy(r -> assertThat(r).contains("active"));
            String token2Row = rows.stream().filter(r -> r.contains(last4(token2))).findFirst().orElseThrow();
            String token2Id = token2Row.split("\\s+")[0];
            assertThat(token2Id).matches("[0-9a-f-]{36}");

            // Revoking the second token locks it out of the running server within the bound; the first still works.
            SipyardProcess.Result revoke =
                    SipyardProcess.run(settings, logDir, "token", "revoke", "--project", p.id(), token2Id);
            long revokedAt = System.nanoTime();
            assertThat(revoke.exitCode()).as(revoke.toString()).isZero();
            Revocations.awaitRefused(revokedAt, ENDPOINTS + "/" + endpointId, second);
            var refused = second.get(ENDPOINTS + "/" + endpointId);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).isEqualTo("Basic realm=\"sipyard\"");
            assertThat(refused.json().get("error").asText()).isEqualTo("Unauthorized");
            assertThat(first.get(ENDPOINTS + "/" + endpointId).status()).isEqualTo(200);

            SipyardProcess.Result after = SipyardProcess.run(settings, logDir, "token", "list", "--project", p.id());
            List<String> afterRows = tokenRows(after);
            assertThat(afterRows).hasSize(2);
            assertThat(afterRows.stream().filter(r -> r.startsWith(token2Id)).findFirst().orElseThrow())
                    .contains("revoked");
            assertThat(afterRows.stream().filter(r -> !r.startsWith(token2Id)).findFirst().orElseThrow())
                    .contains("active");

            // One project's token does not open another project.
            assertThat(new ApiClient(server.baseUrl(), offline.id(), p.token()).get(ENDPOINTS).status())
                    .isEqualTo(401);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void tokenCommandsOnAnUnknownProjectFailWithOneLine(Backend backend) {
        Map<String, String> settings = freshSettings(backend);
        String nobody = "01890000-0000-7000-8000-000000000000";
        SipyardProcess.Result create = SipyardProcess.run(settings, logDir, "token", "create", "--project", nobody);
        assertThat(create.exitCode()).as(create.toString()).isNotZero();
        assertThat(create.stdout()).isBlank();
        assertThat(create.stderr()).contains(nobody).doesNotContain("Exception").doesNotContain("\tat ");

        SipyardProcess.Result revoke = SipyardProcess.run(settings, logDir, "token", "revoke", "--project", nobody,
                "01890000-0000-7000-8000-000000000001");
        assertThat(revoke.exitCode()).as(revoke.toString()).isNotZero();
        assertThat(revoke.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private record NewProject(String id, String token, String domain) {}

    /** {@code project create --name N --json}: exactly one JSON object with exactly the three fields, on stdout. */
    private NewProject projectCreate(Map<String, String> settings, String name) throws Exception {
        SipyardProcess.Result r = SipyardProcess.run(settings, logDir, "project", "create", "--name", name, "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdoutLines()).as(r.toString()).hasSize(1);
        JsonNode json = MAPPER.readTree(r.stdout());
        assertThat(json.isObject()).isTrue();
        assertThat(json.properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("project_id", "token", "domain");
        json.properties().forEach(e -> assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue());
        return new NewProject(json.get("project_id").asText(), json.get("token").asText(),
                json.get("domain").asText());
    }

    private String tokenCreate(Map<String, String> settings, String projectId) {
        SipyardProcess.Result r = SipyardProcess.run(settings, logDir, "token", "create", "--project", projectId);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdoutLines()).as(r.toString()).hasSize(1);
        return r.stdoutLines().get(0).strip();
    }

    /** The data rows of {@code token list} (every line that starts with a token id). */
    private static List<String> tokenRows(SipyardProcess.Result list) {
        return list.stdoutLines().stream().map(String::strip).filter(l -> l.matches("^[0-9a-f]{8}-.*")).toList();
    }

    private static String last4(String token) {
        return token.substring(token.length() - 4);
    }
}
