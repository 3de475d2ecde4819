package dev.sipyard.sip.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.Peers;
import dev.sipyard.testing.Processes;
import dev.sipyard.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Calls between two endpoints of one project, placed and answered by the real sipp: a sipp UAS
 * registers the callee with digest and answers every call (180, 200, ACK, BYE); a sipp UAC
 * places {@value #CALLS} calls through sipyard, answering the 407 challenge. Over UDP and TCP,
 * on both databases. Also the refusals a caller sees: 480 for an endpoint with no binding, 404
 * for a user that does not exist.
 */
class SippCallInteropTest {
    private static final int CALLS = 10;
    /** Under the default limit of 5 new calls per second per endpoint (CallSettings), which would answer 503. */
    private static final int CALLS_PER_SECOND = 4;
    private static final int REGISTRATION_WAIT_MILLIS = 10_000;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sippCallsSippThroughTheProxyOverUdpAndTcp(Backend backend) throws Exception {
        String sipp = Peers.require("sipp");
        try (TestServer server = TestServer.start(backend)) {
            ApiClient api = server.newProject("sipp-calls");
            String domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
            Path dir = Files.createTempDirectory("sipp-calls");
            Path uasRegister = resource(dir, "call-uas-register.xml");
            Path uas = resource(dir, "call-uas.xml");
            Path uac = resource(dir, "call-uac.xml");
            int port = server.sipPorts().udp();

            for (String mode : List.of("u1", "t1")) {
                Endpoint callee = Endpoint.create(api, "callee-" + mode);
                Endpoint caller = Endpoint.create(api, "caller-" + mode);
                Path calleeCsv = dir.resolve("callee-" + mode + ".csv");
                Files.writeString(calleeCsv, "SEQUENTIAL\n" + callee.username() + ";" + domain + ";" + callee.password()
                        + "\n");
                Path callerCsv = dir.resolve("caller-" + mode + ".csv");
                Files.writeString(callerCsv, "SEQUENTIAL\n" + caller.username() + ";" + domain + ";" + caller.password()
                        + ";" + callee.username() + "\n");

                Path uasErrors = dir.resolve("uas-errors-" + mode + ".log");
                Process answering = Processes.start(List.of(sipp, "127.0.0.1:" + port, "-sf", uasRegister.toString(),
                        "-oocsf", uas.toString(), "-inf", calleeCsv.toString(), "-i", "127.0.0.1", "-p",
                        String.valueOf(SippInteropTest.freePort()), "-t", mode, "-m", "1", "-set", "calls_to_answer",
                        String.valueOf(CALLS), "-set", "wait_polls", "300", "-timeout", "40s", "-timeout_error",
                        "-nostdin", "-trace_err", "-error_file", uasErrors.toString()), dir,
                        dir.resolve("uas-" + mode + ".log"));
                try {
                    awaitRegistration(api, callee.id(), dir.resolve("uas-" + mode + ".log"));
                    Path uacErrors = dir.resolve("uac-errors-" + mode + ".log");
                    var placed = Processes.run(List.of(sipp, "127.0.0.1:" + port, "-sf", uac.toString(), "-inf",
                            callerCsv.toString(), "-i", "127.0.0.1", "-p", String.valueOf(SippInteropTest.freePort()),
                            "-t", mode, "-m", String.valueOf(CALLS), "-r", String.valueOf(CALLS_PER_SECOND), "-set",
                            "hold_ms", "1000", "-timeout", "30s", "-timeout_error", "-nostdin", "-trace_err",
                            "-error_file", uacErrors.toString()), dir, 40);
                    assertThat(placed.exit()).as("caller sipp %s exit: %s%s", mode, placed.output(),
                            SippInteropTest.readIfExists(uacErrors)).isZero();
                    assertThat(answering.waitFor(35, TimeUnit.SECONDS)).as("callee sipp %s ended", mode).isTrue();
                    assertThat(answering.exitValue()).as("callee sipp %s exit: %s%s", mode,
                            Files.readString(dir.resolve("uas-" + mode + ".log")),
                            SippInteropTest.readIfExists(uasErrors)).isZero();
                } finally {
                    Processes.stop(answering);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void unregisteredEndpointGets480AndUnknownUserGets404(Backend backend) throws Exception {
        String sipp = Peers.require("sipp");
        try (TestServer server = TestServer.start(backend)) {
            ApiClient api = server.newProject("sipp-refusals");
            String domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
            Endpoint caller = Endpoint.create(api, "refused-caller");
            Endpoint.create(api, "never-registered");
            Path dir = Files.createTempDirectory("sipp-refused");
            String template = new String(getClass().getResourceAsStream("/sipp/call-refused.xml").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);

            for (var expected : Map.of("never-registered", 480, "nobody-by-this-name", 404).entrySet()) {
                Path scenario = dir.resolve("refused-" + expected.getValue() + ".xml");
                Files.writeString(scenario, template.replace("EXPECTED_STATUS", expected.getValue().toString()));
                Path csv = dir.resolve("refused-" + expected.getValue() + ".csv");
                Files.writeString(csv, "SEQUENTIAL\n" + caller.username() + ";" + domain + ";" + caller.password() + ";"
                        + expected.getKey() + "\n");
                Path errors = dir.resolve("errors-" + expected.getValue() + ".log");
                var result = Processes.run(List.of(sipp, "127.0.0.1:" + server.sipPorts().udp(), "-sf",
                        scenario.toString(), "-inf", csv.toString(), "-i", "127.0.0.1", "-p",
                        String.valueOf(SippInteropTest.freePort()), "-t", "u1", "-m", "1", "-timeout", "15s",
                        "-timeout_error", "-nostdin", "-trace_err", "-error_file", errors.toString()), dir, 25);
                assertThat(result.exit()).as("calling %s should get %d: %s%s", expected.getKey(),
                        expected.getValue(), result.output(), SippInteropTest.readIfExists(errors)).isZero();
            }
        }
    }

    /** Waits until the callee sipp's REGISTER has made a binding (so the calls find it). */
    private static void awaitRegistration(ApiClient api, String endpointId, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + REGISTRATION_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            var data = api.get("/api/fabric/resources/sip_endpoints/" + endpointId + "/registrations").json()
                    .get("data");
            if (!data.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the callee sipp did not register within " + REGISTRATION_WAIT_MILLIS + " ms: "
                + SippInteropTest.readIfExists(log));
    }

    private Path resource(Path dir, String name) throws Exception {
        Path p = dir.resolve(name);
        Files.copy(getClass().getResourceAsStream("/sipp/" + name), p);
        return p;
    }

    /** An endpoint made through the API, with the password the test chose. */
    private record Endpoint(String id, String username, String password) {
        static Endpoint create(ApiClient api, String username) {
            String password = "Ring-Secret-" + Integer.toHexString(username.hashCode());
            String id = api.post("/api/fabric/resources/sip_endpoints", Map.of("username", username, "password",
                    password)).json().get("id").asText();
            return new Endpoint(id, username, password);
        }
    }
}
