package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The operator's first minutes: start on an empty database, copy the printed credentials, restart. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class FirstStartProcessTest extends ProcessTestBase {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void firstStartPrintsWorkingCredentialsOnceAndTheSecondStartPrintsNone(Backend backend) throws Exception {
        Map<String, String> settings = freshSettings(backend);

        String projectId;
        String token;
        try (SipyardProcess server = SipyardProcess.serve(settings, logDir)) {
            String out = server.awaitStdout("curl ");
            assertThat(count(out, "API token")).as("the token is printed exactly once:\n%s", out).isEqualTo(1);
            projectId = field(out, "project id");
            token = field(out, "API token");
            String domain = field(out, "SIP domain");
            assertThat(projectId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(domain).endsWith(".sip.test.example");
            assertThat(out).doesNotContain("Exception");

            // The printed credentials open the API.
            ApiClient client = new ApiClient(server.baseUrl(), projectId, token);
            var list = client.get("/api/fabric/resources/sip_endpoints");
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            var profile = client.get("/api/relay/rest/sip_profile");
            assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
            assertThat(profile.json().get("domain").asText()).isEqualTo(domain);

            // The printed curl line, pasted into a shell, works as it stands.
            String curl = out.lines().map(String::strip).filter(l -> l.startsWith("curl ")).findFirst().orElseThrow();
            assertThat(curl).contains(projectId + ":" + token).contains(server.baseUrl());
            Result pasted = runCurl(curl);
            assertThat(pasted.exitCode).as(pasted.output).isZero();
            assertThat(pasted.output).startsWith("{\"data\":[]").endsWith("HTTP 200");
        }

        try (SipyardProcess again = SipyardProcess.serve(settings, logDir)) {
            SipyardProcess.sleep(1000); // the first-start check runs just after the listener opens
            String out = again.stdout();
            assertThat(out).as("a second start on the same data shows no credentials")
                    .doesNotContain("API token").doesNotContain("sy_").doesNotContain("curl");
            assertThat(again.stderr()).doesNotContain(token);
            // ... and the first project's token still works: the data was kept, not recreated.
            var list = new ApiClient(again.baseUrl(), projectId, token).get("/api/fabric/resources/sip_endpoints");
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
        }
    }

    private record Result(int exitCode, String output) {}

    /** Runs the printed curl command line (its words, as a shell would split them) plus -sS and the status code. */
    private static Result runCurl(String line) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(line.split("\\s+")));
        cmd.addAll(1, List.of("-sS", "--max-time", "10", "-w", "\\nHTTP %{http_code}"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                return new Result(-1, "curl timed out");
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        } finally {
            p.destroyForcibly();
        }
    }

    private static String field(String out, String label) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(label) + "\\s*:\\s*(\\S+)\\s*$").matcher(out);
        assertThat(m.find()).as("stdout shows '%s':\n%s", label, out).isTrue();
        return m.group(1);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
