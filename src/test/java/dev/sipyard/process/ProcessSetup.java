package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Set-up steps several process tests share. */
final class ProcessSetup {
    private ProcessSetup() {}

    /** {@code settings} with SIP over UDP and TCP on {@code sipPort} and no TLS, WS or WSS listener. */
    static Map<String, String> withSip(Map<String, String> settings, int sipPort) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("SIPYARD_SIP_ADDR", "127.0.0.1:" + sipPort);
        env.put("SIPYARD_SIP_TLS_ADDR", "off");
        env.put("SIPYARD_SIP_WS_ADDR", "off");
        env.put("SIPYARD_SIP_WSS_ADDR", "off");
        return env;
    }

    /** {@code sipyard project create --json}: its {@code project_id} and {@code token}. */
    static JsonNode createProject(Map<String, String> settings, Path logDir, String name) {
        SipyardProcess.Result created = SipyardProcess.run(settings, logDir, "project", "create", "--name", name,
                "--json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        try {
            return new ObjectMapper().readTree(created.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
