package dev.sipyard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every secret the tests of this run used (API tokens, SIP passwords, signing keys, digest
 * responses, SRTP keys), so that {@code NoSecretInTheRunsLogsTest} can look for each in every log line the run
 * wrote. The helpers that make or send secrets ({@link ApiClient}, {@link TestServer}) record them
 * here, {@link SipPhone} and {@link SipTestClient} too (passwords, digest responses, the SRTP keys
 * of every SDP sent or received); so can any test. Also where the run's logs go: {@link #RUN_LOG} (this JVM's lines, written
 * by logback-test.xml) and {@link #PROCESS_LOG} (the stderr of every server process a test started).
 */
public final class TestSecrets {
    /** This run's log folder (logback-test.xml writes {@code test-run.log} there). */
    public static final Path DIR = Path.of(System.getProperty("sipyard.test.logs", "target/test-logs"));
    public static final Path RUN_LOG = DIR.resolve("test-run.log");
    public static final Path PROCESS_LOG = DIR.resolve("processes.log");
    /** Shorter values (a "1234" PIN, an id) would match by chance; every secret the tests make is longer. */
    static final int MIN_LENGTH = 8;

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "\"(password|token|api_token|signing_key|secret|auth_token)\"\\s*:\\s*\"([^\"\\\\]+)\"");
    private static final Pattern SRTP_KEY = Pattern.compile("inline:([A-Za-z0-9+/]{16,}=*)");
    private static final Object PROCESS_LOG_LOCK = new Object();
    private static volatile boolean processLogStarted;

    private TestSecrets() {}

    /** Remembers {@code secret} (ignored when null or shorter than {@value #MIN_LENGTH} characters). */
    public static void record(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            SECRETS.add(secret);
        }
    }

    public static void recordAll(java.util.Collection<String> secrets) {
        secrets.forEach(TestSecrets::record);
    }

    /** Remembers the secret fields (password, token, signing_key, ...) of a JSON text, request or response. */
    public static void recordFields(String json) {
        if (json == null) {
            return;
        }
        Matcher m = SECRET_FIELD.matcher(json);
        while (m.find()) {
            record(m.group(2));
        }
    }

    /** Remembers the SRTP master keys ({@code a=crypto:... inline:KEY}, RFC 4568) of an SDP or a whole SIP message. */
    public static void recordSrtpKeys(String text) {
        if (text == null || !text.contains("inline:")) {
            return;
        }
        Matcher m = SRTP_KEY.matcher(text);
        while (m.find()) {
            record(m.group(1));
        }
    }

    /** True once a server process's log was added to {@link #PROCESS_LOG} in this run (else it is an old file). */
    public static boolean processLogsKept() {
        return processLogStarted;
    }

    /** What was recorded so far in this JVM. */
    public static Set<String> recorded() {
        return Set.copyOf(SECRETS);
    }

    /** Appends a server process's log (its stderr) to {@link #PROCESS_LOG}, emptied at the first call of a run. */
    public static void keepProcessLog(Path stderr) {
        try {
            if (!Files.exists(stderr)) {
                return;
            }
            List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
            synchronized (PROCESS_LOG_LOCK) {
                Files.createDirectories(DIR);
                StandardOpenOption mode = processLogStarted ? StandardOpenOption.APPEND
                        : StandardOpenOption.TRUNCATE_EXISTING;
                processLogStarted = true;
                Files.write(PROCESS_LOG, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, mode);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
