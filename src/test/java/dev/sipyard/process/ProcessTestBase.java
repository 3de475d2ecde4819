package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Per test: a data folder, a folder for the processes' output, and settings over a fresh database. */
abstract class ProcessTestBase {
    static final String ENDPOINTS = "/api/fabric/resources/sip_endpoints";

    @TempDir
    Path dataDir;

    @TempDir
    Path logDir;

    /** Settings (environment variables) of a server over a fresh database of that kind in {@link #dataDir}. */
    Map<String, String> freshSettings(Backend backend) {
        return SipyardProcess.settings(dataDir, TestDatabases.fresh(backend, dataDir));
    }

    /** As {@link #freshSettings}, with SIP over UDP and TCP on {@code sipPort} and no TLS, WS or WSS listener. */
    Map<String, String> freshSettingsWithSip(Backend backend, int sipPort) {
        Map<String, String> settings = new HashMap<>(freshSettings(backend));
        settings.put("SIPYARD_SIP_ADDR", "127.0.0.1:" + sipPort);
        settings.put("SIPYARD_SIP_TLS_ADDR", "off");
        settings.put("SIPYARD_SIP_WS_ADDR", "off");
        settings.put("SIPYARD_SIP_WSS_ADDR", "off");
        return settings;
    }

    /** {@code sipyard project create --json} over {@code settings}: its {@code project_id} and {@code token}. */
    JsonNode createProject(Map<String, String> settings, String name) {
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
