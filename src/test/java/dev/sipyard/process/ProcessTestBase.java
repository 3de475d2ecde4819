package dev.sipyard.process;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.TestDatabases;
import java.nio.file.Path;
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
}
