package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.testing.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code sipyard endpoints import|export} as an operator runs them, against a fresh database. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class EndpointsImportProcessTest extends ProcessTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private String project(Map<String, String> env) throws Exception {
        SipyardProcess.Result r = SipyardProcess.run(env, logDir, "project", "create", "--name", "Bulk", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return JSON.readTree(r.stdout()).get("project_id").asText();
    }

    private Path csv(String name, String... lines) throws Exception {
        Path file = dataDir.resolve(name);
        Files.writeString(file, String.join("\r\n", lines) + "\r\n");
        return file;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void goodRowsLandBadRowsAreReportedWithTheApisMessagesAndTheExportHoldsNoSecret(Backend backend) throws Exception {
        Map<String, String> env = freshSettings(backend);
        String project = project(env);
        Path file = csv("phones.csv",
                "username,password,caller_id,codecs,call_handler,call_request_url",
                "alice,Correct-Horse-9,Alice,\"PCMU,PCMA\",laml_webhooks,https://app.example.com/voice",
                "bob,,,OPUS;PCMU,,",
                "",
                "bad user,Correct-Horse-9,,,,",
                "alice,Battery-Staple-7,,,,",
                "carol,Correct-Horse-9,,PCMU",
                "dave,Correct-Horse-9,,,passthrough,");

        SipyardProcess.Result r = SipyardProcess.run(env, logDir, "endpoints", "import", file.toString(),
                "--project", project);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        Path report = dataDir.resolve("phones.errors.csv");
        Path passwords = dataDir.resolve("phones.passwords.csv");
        assertThat(r.stdout().strip()).isEqualTo("created 3 endpoint(s), 3 rejected (why: " + report
                + "); 1 generated password(s) in " + passwords
                + " (readable by you only; delete it once they are handed out)");
        assertThat(Files.readAllLines(report)).containsExactly(
                "line,username,attribute,code,message",
                "5,bad user,username,invalid_parameter_value,\"username must be 1 to 64 SIP user characters: letters, "
                        + "digits and - _ . ! ~ * ' ( ) & = + $ , ; ? / (no spaces, @ or control characters).\"",
                "6,alice,username,not_unique_within_project,username is already used in this project.",
                "7,,row,invalid_parameter,\"the row has 4 fields, the header 6.\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwords))).isEqualTo("rw-------");
        List<String> generated = Files.readAllLines(passwords);
        assertThat(generated).hasSize(2);
        assertThat(generated.get(1)).matches("3,[0-9a-f-]{36},bob,\\S{12,}");

        SipyardProcess.Result csv = SipyardProcess.run(env, logDir, "endpoints", "export", "--project", project);
        assertThat(csv.exitCode()).as(csv.toString()).isZero();
        List<String> lines = SipyardProcess.nonBlankLines(csv.stdout());
        assertThat(lines.get(0)).startsWith("id,username,caller_id,send_as,ciphers,codecs,encryption,call_handler,")
                .doesNotContain("password");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).matches("[0-9a-f-]{36},alice,Alice,random,\"[^\"]+\",\"PCMU,PCMA\",default,laml_webhooks,.*")
                .contains("https://app.example.com/voice");
        assertThat(csv.stdout()).doesNotContain("Correct-Horse-9").doesNotContain(generated.get(1).split(",")[3]);

        SipyardProcess.Result json = SipyardProcess.run(env, logDir, "endpoints", "export", "--project", project,
                "--format", "json");
        JsonNode all = JSON.readTree(json.stdout());
        assertThat(all).hasSize(3);
        assertThat(all.get(1).get("username").asText()).isEqualTo("bob");
        assertThat(all.get(1).get("codecs")).hasToString("[\"OPUS\",\"PCMU\"]");
        assertThat(all.get(2).get("call_handler").asText()).isEqualTo("passthrough");
        all.forEach(e -> assertThat(e.has("password")).isFalse());

        // the export imports again into another project as it is (ids are assigned anew)
        String other = project(env);
        Path again = dataDir.resolve("again.csv");
        Files.writeString(again, csv.stdout());
        SipyardProcess.Result reimport = SipyardProcess.run(env, logDir, "endpoints", "import", again.toString(),
                "--project", other);
        assertThat(reimport.exitCode()).as(reimport.toString()).isZero();
        assertThat(reimport.stdout()).startsWith("created 3 endpoint(s); 3 generated password(s)");
    }

    @Test
    void aDryRunAndAnAllOrNothingImportWithABadRowWriteNothing() throws Exception {
        Map<String, String> env = freshSettings(Backend.SQLITE);
        String project = project(env);
        Path file = csv("few.csv", "username,password", "erin,Correct-Horse-9", "frank,", "x y,Correct-Horse-9");

        SipyardProcess.Result dry = SipyardProcess.run(env, logDir, "endpoints", "import", file.toString(),
                "--project", project, "--dry-run");
        assertThat(dry.stdout().strip()).isEqualTo("dry run: 2 would be created, 1 rejected (why: "
                + dataDir.resolve("few.errors.csv") + "); nothing was written");
        SipyardProcess.Result strict = SipyardProcess.run(env, logDir, "endpoints", "import", file.toString(),
                "--project", project, "--all-or-nothing", "--report", dataDir.resolve("r.csv").toString());
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.stdout().strip()).isEqualTo("all or nothing: 1 rejected (why: " + dataDir.resolve("r.csv")
                + "); nothing was written");
        assertThat(Files.exists(dataDir.resolve("few.passwords.csv"))).isFalse();
        assertThat(exportedRows(env, project)).isZero();

        Path good = csv("good.csv", "username,password", "erin,Correct-Horse-9", "frank,Battery-Staple-7");
        SipyardProcess.Result ok = SipyardProcess.run(env, logDir, "endpoints", "import", good.toString(),
                "--project", project, "--all-or-nothing");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.stdout().strip()).isEqualTo("created 2 endpoint(s)");
        assertThat(exportedRows(env, project)).isEqualTo(2);
    }

    @Test
    void aFileThatIsNotTheExpectedCsvIsRefusedWithOneLine() throws Exception {
        Map<String, String> env = freshSettings(Backend.SQLITE);
        String project = project(env);
        Path unknown = csv("bad.csv", "username,pasword", "erin,Correct-Horse-9");
        SipyardProcess.Result r = SipyardProcess.run(env, logDir, "endpoints", "import", unknown.toString(),
                "--project", project);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("unknown column 'pasword' in the header; columns are API fields: ");
        Path broken = csv("broken.csv", "username,password", "erin,\"Correct-Horse-9");
        SipyardProcess.Result b = SipyardProcess.run(env, logDir, "endpoints", "import", broken.toString(),
                "--project", project, "--all-or-nothing");
        assertThat(b.exitCode()).isEqualTo(1);
        assertThat(b.stderr()).contains("line 2: a quoted field is not closed; nothing was written");
        assertThat(exportedRows(env, project)).isZero();
    }

    private int exportedRows(Map<String, String> env, String project) {
        SipyardProcess.Result csv = SipyardProcess.run(env, logDir, "endpoints", "export", "--project", project);
        assertThat(csv.exitCode()).as(csv.toString()).isZero();
        return SipyardProcess.nonBlankLines(csv.stdout()).size() - 1;
    }
}
