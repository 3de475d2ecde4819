package dev.sipyard.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sipyard.testing.LogScan;
import dev.sipyard.testing.TestSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the run (junit-platform.properties orders classes by
 * {@link Order}; the others keep their order): every secret the run's tests used
 * ({@link TestSecrets}: API tokens, SIP passwords, generated passwords, signing keys, digest
 * responses) is looked for in every line the run logged, this JVM's
 * ({@link TestSecrets#RUN_LOG}) and every server process's ({@link TestSecrets#PROCESS_LOG}).
 */
@Order(Integer.MAX_VALUE)
class NoSecretInTheRunsLogsTest {

    @Test
    void noSecretTheRunUsedIsInAnyLineItLogged() throws IOException {
        Set<String> secrets = TestSecrets.recorded();
        assumeTrue(!secrets.isEmpty(), "no test of this run used a secret: run it with the others");
        List<String> lines = new ArrayList<>(read(TestSecrets.RUN_LOG));
        if (TestSecrets.processLogsKept()) {
            lines.addAll(read(TestSecrets.PROCESS_LOG));
        }
        assertThat(lines).as("the run logged nothing: is logback-test.xml's RUN_LOG appender gone?").isNotEmpty();
        assertThat(LogScan.leaks(lines, secrets)).as("%d lines, %d secrets", lines.size(), secrets.size()).isEmpty();
    }

    @Test
    void theScanFindsASecretWhereverItIsInALine() {
        List<String> lines = List.of("{\"msg\":\"GET /x 200\"}", "{\"msg\":\"ok\",\"password\":\"Hunter2-Hunter2\"}",
                "text line with Hunter2-Hunter2 at the end");
        List<String> found = LogScan.leaks(lines, Set.of("Hunter2-Hunter2", "not-there-at-all"));
        assertThat(found).hasSize(2);
        assertThat(found.get(0)).startsWith("line 2 ").doesNotContain("Hunter2-Hunter2");
        assertThat(found.get(1)).startsWith("line 3 ");
    }

    private static List<String> read(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }
}
