package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.DocumentServer;
import dev.sipyard.testing.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Per test: a data folder, a folder for the processes' output, and settings over a fresh database. */
abstract class ProcessTestBase {
    static final String ENDPOINTS = "/api/fabric/resources/sip_endpoints";

    @TempDir
    Path dataDir;

    @TempDir
    Path logDir;

    /**
     * Asserts that {@code received} holds, for each of {@code calls} calls, its two status callbacks
     * (initiated, then the final one) once each and in sequence.
     */
    static void assertOnceEachInOrder(List<DocumentServer.Received> received, int calls) {
        Map<String, List<String>> byCall = new LinkedHashMap<>();
        for (DocumentServer.Received r : received) {
            byCall.computeIfAbsent(r.form().get("CallSid"), k -> new ArrayList<>())
                    .add(r.form().get("SequenceNumber") + ":" + r.form().get("CallStatus"));
        }
        assertThat(byCall).hasSize(calls);
        for (List<String> sequence : byCall.values()) {
            assertThat(sequence).as("each callback once, in order").hasSize(2);
            assertThat(sequence.get(0)).isEqualTo("0:initiated");
            assertThat(sequence.get(1)).startsWith("1:");
        }
    }

    /** Settings (environment variables) of a server over a fresh database of that kind in {@link #dataDir}. */
    Map<String, String> freshSettings(Backend backend) {
        return SipyardProcess.settings(dataDir, TestDatabases.fresh(backend, dataDir));
    }
}
