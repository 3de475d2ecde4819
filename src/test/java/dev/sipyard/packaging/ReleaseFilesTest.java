package dev.sipyard.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.config.SettingsLoader;
import dev.sipyard.testing.Peers;
import dev.sipyard.testing.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files the release tarball ships beside the jar (packaging/): the sample settings file and the
 * systemd unit. No server: they are checked against the settings loader, the logging set-up, the
 * launcher and the README. The tarball itself is tested by {@code dev.sipyard.process.ReleaseTarballIT}.
 */
class ReleaseFilesTest {
    private static final Path SAMPLE = Path.of("packaging/sipyard.env.sample");
    private static final Path UNIT = Path.of("packaging/sipyard.service");
    private static final Pattern SAMPLE_LINE = Pattern.compile("^#?(SIPYARD_[A-Z0-9_]+)=(.*)$");
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{(SIPYARD_[A-Z0-9_]+):-([^}]*)}");
    private static final Pattern NAME = Pattern.compile("SIPYARD_[A-Z0-9_]*[A-Z0-9]");

    @Test
    void theSampleListsEverySettingExactlyOnce() throws IOException {
        Set<String> listed = sample().keySet();
        Set<String> missing = new TreeSet<>(everySetting());
        missing.removeAll(listed);
        Set<String> unknown = new TreeSet<>(listed);
        unknown.removeAll(everySetting());
        assertThat(missing).as("settings the server reads that %s does not list", SAMPLE).isEmpty();
        assertThat(unknown).as("names in %s that nothing reads", SAMPLE).isEmpty();
    }

    @Test
    void theSampleShowsTheRealDefaults() throws IOException {
        // Uncommented as it stands, the sample must configure exactly what no settings at all do.
        Map<String, String> asWritten = new HashMap<>();
        sample().forEach((name, value) -> {
            if (SettingsLoader.knownNames().contains(name) && !value.isEmpty()) {
                asWritten.put(name, value);
            }
        });
        assertThat(SettingsLoader.load(asWritten)).isEqualTo(SettingsLoader.load(Map.of()));

        // The log set-up and the launcher write their defaults as ${NAME:-default}.
        Map<String, String> shellDefaults = new HashMap<>();
        shellDefaults.putAll(defaults(logbackXml()));
        shellDefaults.putAll(defaults(Files.readString(Path.of("bin/sipyard-jvm.sh"), StandardCharsets.UTF_8)));
        assertThat(shellDefaults).isNotEmpty();
        assertThat(sample()).containsAllEntriesOf(shellDefaults);
    }

    @Test
    void theReadmeDocumentsEverySettingTheSampleLists() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        assertThat(sample().keySet()).allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
    }

    @Test
    void theSystemdUnitIsHardenedAndLeavesTheJitAlone() throws IOException {
        Map<String, List<String>> service = section(UNIT, "Service");
        assertThat(service).containsEntry("ExecStart", List.of("/opt/sipyard/sipyard serve"))
                .containsEntry("EnvironmentFile", List.of("/etc/sipyard/sipyard.env"))
                .containsEntry("StateDirectory", List.of("sipyard"))
                .containsEntry("Environment", List.of("SIPYARD_DATA_DIR=%S/sipyard"))
                .containsEntry("DynamicUser", List.of("yes"))
                .containsEntry("User", List.of("sipyard"))
                .containsEntry("ProtectSystem", List.of("strict"))
                .containsEntry("ProtectHome", List.of("yes"))
                .containsEntry("NoNewPrivileges", List.of("yes"))
                .containsEntry("PrivateTmp", List.of("yes"))
                .containsEntry("PrivateDevices", List.of("yes"))
                .containsEntry("ProtectKernelTunables", List.of("yes"))
                .containsEntry("ProtectKernelModules", List.of("yes"))
                .containsEntry("ProtectControlGroups", List.of("yes"))
                .containsEntry("RestrictAddressFamilies", List.of("AF_INET AF_INET6 AF_UNIX"))
                .containsEntry("LockPersonality", List.of("yes"))
                .containsEntry("CapabilityBoundingSet", List.of(""))
                .containsEntry("AmbientCapabilities", List.of(""))
                .containsEntry("Restart", List.of("on-failure"))
                .containsEntry("SuccessExitStatus", List.of("143"))
                .containsEntry("LimitNOFILE", List.of("65536"))
                // the media clocks' SCHED_FIFO priority (SIPYARD_MEDIA_RT_PRIORITY's default), no higher
                .containsEntry("RestrictRealtime", List.of("no"))
                .containsEntry("LimitRTPRIO", List.of("10"));
        // the JVM's JIT writes code and then runs it
        assertThat(service).doesNotContainKey("MemoryDenyWriteExecute");
        assertThat(section(UNIT, "Install")).containsEntry("WantedBy", List.of("multi-user.target"));
    }

    @Test
    void systemdAcceptsTheUnit(@TempDir Path dir) throws IOException {
        String analyze = Peers.require("systemd-analyze");
        // verify wants ExecStart's program to exist: point it at the launcher the tarball ships
        String launcher = Path.of("packaging/sipyard").toAbsolutePath().toString();
        String unit = Files.readString(UNIT, StandardCharsets.UTF_8)
                .replace("ExecStart=/opt/sipyard/sipyard ", "ExecStart=" + launcher + " ");
        Path copy = dir.resolve("sipyard.service");
        Files.writeString(copy, unit, StandardCharsets.UTF_8);

        Processes.Result verify = Processes.run(List.of(analyze, "verify", copy.toString()), dir, 60);
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).as("no warnings").isBlank();

        // the exposure score is reported, not asserted (its scale changes between systemd versions)
        Processes.Result security =
                Processes.run(List.of(analyze, "security", "--offline=true", copy.toString()), dir, 60);
        security.output().lines().filter(l -> l.contains("Overall exposure")).forEach(System.out::println);
    }

    /** Every SIPYARD_* setting: the loader's, the log set-up's ({@code ${SIPYARD_...}} in logback.xml), the launcher's. */
    private static Set<String> everySetting() throws IOException {
        Set<String> all = new TreeSet<>(SettingsLoader.knownNames());
        all.add(SettingsLoader.CONFIG);
        all.add(SettingsLoader.LOG_FORMAT);
        all.addAll(names(logbackXml()));
        all.addAll(names(Files.readString(Path.of("bin/sipyard-jvm.sh"), StandardCharsets.UTF_8)));
        return all;
    }

    private static String logbackXml() throws IOException {
        try (InputStream in = ReleaseFilesTest.class.getResourceAsStream("/logback.xml")) {
            assertThat(in).as("logback.xml on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** NAME -> default of every {@code ${NAME:-default}} in a text. */
    private static Map<String, String> defaults(String text) {
        Map<String, String> out = new HashMap<>();
        Matcher m = DEFAULTED.matcher(text);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    private static Set<String> names(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The sample's VARIABLE=value lines, commented out or not, in order (a repeated name keeps its first value). */
    private static Map<String, String> sample() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (String line : Files.readAllLines(SAMPLE, StandardCharsets.UTF_8)) {
            Matcher m = SAMPLE_LINE.matcher(line);
            if (m.matches()) {
                order.add(m.group(1));
                out.putIfAbsent(m.group(1), m.group(2));
            }
        }
        assertThat(order).as("no name twice in %s", SAMPLE).doesNotHaveDuplicates();
        return out;
    }

    /** {@code Key=Value} lines of one [section] of a unit file; a key may repeat. */
    private static Map<String, List<String>> section(Path unit, String name) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String current = null;
        for (String raw : Files.readAllLines(unit, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = line.substring(1, line.length() - 1);
            } else if (name.equals(current)) {
                int eq = line.indexOf('=');
                assertThat(eq).as("a Key=Value line: %s", line).isPositive();
                out.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
            }
        }
        return out;
    }
}
