package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code sipyard bans list|clear}, run as the operator would: a separate process over the same database. */
class BansCliTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theOperatorListsAndClearsBansServerWide(Backend backend) throws Exception {
        try (SipFixture f = new SipFixture(backend)) {
            var store = new dev.sipyard.sip.guard.BanStore(f.server.server().database().jdbi(),
                    java.time.Clock.systemUTC());
            store.ban("198.51.100.9", "10 failed authentications within 60 s", 10, Set.of(), 300_000, 86_400_000);
            store.ban("198.51.100.10", "12 failed authentications within 60 s", 12, Set.of(), 300_000, 86_400_000);

            String listed = cli(f, "bans", "list");
            assertThat(listed).contains("198.51.100.9").contains("198.51.100.10").contains("10 failed");
            assertThat(cli(f, "bans", "clear", "198.51.100.9")).contains("lifted the ban on 198.51.100.9");
            assertThat(store.list(null)).extracting(b -> b.address()).containsExactly("198.51.100.10");
            assertThat(cli(f, "bans", "clear")).contains("lifted 1 ban(s)");
            assertThat(store.list(null)).isEmpty();
        }
    }

    private static String cli(SipFixture f, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.sipyard.Sipyard"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().put("SIPYARD_DB", f.server.settings().dbUrl());
        pb.environment().put("SIPYARD_DATA_DIR", f.server.dataDir().toString());
        pb.environment().put("SIPYARD_LOG_LEVEL", "WARN");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return out;
    }
}
