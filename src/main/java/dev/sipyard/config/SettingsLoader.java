package dev.sipyard.config;

import dev.sipyard.common.IpNetworks;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads settings from environment variables and, when {@code SIPYARD_CONFIG} names one, a
 * properties file using the same names ({@code SIPYARD_HTTP_ADDR=0.0.0.0:8080}). The
 * environment wins over the file. A bad or unknown name stops the start with one line.
 */
public final class SettingsLoader {
    public static final String CONFIG = "SIPYARD_CONFIG";
    public static final String HTTP_ADDR = "SIPYARD_HTTP_ADDR";
    public static final String DATA_DIR = "SIPYARD_DATA_DIR";
    public static final String DB = "SIPYARD_DB";
    public static final String DB_USER = "SIPYARD_DB_USER";
    public static final String DB_PASSWORD = "SIPYARD_DB_PASSWORD";
    public static final String DB_POOL = "SIPYARD_DB_POOL";
    public static final String SIP_DOMAIN = "SIPYARD_SIP_DOMAIN";
    public static final String PUBLIC_URL = "SIPYARD_PUBLIC_URL";
    public static final String TRUSTED_PROXIES = "SIPYARD_TRUSTED_PROXIES";
    public static final String MAX_BODY = "SIPYARD_HTTP_MAX_BODY";
    public static final String RATE_WRITES = "SIPYARD_RATE_WRITES";
    public static final String RATE_READS = "SIPYARD_RATE_READS";
    public static final String RATE_WINDOW = "SIPYARD_RATE_WINDOW";
    public static final String RATE_AUTH_FAILURES = "SIPYARD_RATE_AUTH_FAILURES";
    public static final String RATE_AUTH_WINDOW = "SIPYARD_RATE_AUTH_WINDOW";
    public static final String CALL_RING_TIMEOUT = "SIPYARD_CALL_RING_TIMEOUT";
    public static final String CALL_MAX_CONCURRENT = "SIPYARD_CALL_MAX_CONCURRENT";
    public static final String CALL_MAX_RATE = "SIPYARD_CALL_MAX_RATE";
    public static final String WEBHOOK_ALLOW_LINK_LOCAL = "SIPYARD_WEBHOOK_ALLOW_LINK_LOCAL";
    public static final String WEBHOOK_RETRY_MAX = "SIPYARD_WEBHOOK_RETRY_MAX";
    public static final String WEBHOOK_RETRY_FOR = "SIPYARD_WEBHOOK_RETRY_FOR";
    public static final String NODE_ID = "SIPYARD_NODE_ID";
    public static final String METRICS_ADDR = "SIPYARD_METRICS_ADDR";
    public static final String DRAIN_SECONDS = "SIPYARD_DRAIN_SECONDS";
    public static final String NODE_DEAD_SECONDS = "SIPYARD_NODE_DEAD_SECONDS";
    /** Read by the logging set-up from the environment only (not a file setting): text or json. */
    public static final String LOG_FORMAT = "SIPYARD_LOG_FORMAT";
    /** Log levels, read by the logging set-up from the environment only: the root, the access log, the SIP log. */
    public static final List<String> LOG_LEVELS = List.of("SIPYARD_LOG_LEVEL", "SIPYARD_ACCESS_LOG", "SIPYARD_SIP_LOG");
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private static final Set<String> KNOWN = union(
            Set.of(HTTP_ADDR, DATA_DIR, DB, DB_USER, DB_PASSWORD, DB_POOL, SIP_DOMAIN, PUBLIC_URL, MAX_BODY,
                    RATE_WRITES, RATE_READS, RATE_WINDOW, RATE_AUTH_FAILURES, RATE_AUTH_WINDOW, CALL_RING_TIMEOUT,
                    CALL_MAX_CONCURRENT, CALL_MAX_RATE, WEBHOOK_ALLOW_LINK_LOCAL, WEBHOOK_RETRY_MAX, WEBHOOK_RETRY_FOR,
                    TRUSTED_PROXIES, NODE_ID, METRICS_ADDR, DRAIN_SECONDS, NODE_DEAD_SECONDS),
            SipSettingsLoader.KNOWN, MediaSettingsLoader.KNOWN);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");
    private static final Pattern HOSTNAME =
            Pattern.compile("(?=.{1,200}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private SettingsLoader() {}

    /** Every setting this loader reads, from the environment or the {@code SIPYARD_CONFIG} file. */
    public static Set<String> knownNames() {
        return KNOWN;
    }

    public static Settings fromEnvironment() {
        return load(System.getenv());
    }

    public static Settings load(Map<String, String> env) {
        String logFormat = env.get(LOG_FORMAT);
        if (logFormat != null && !logFormat.equals("text") && !logFormat.equals("json")) {
            throw new SettingsException(LOG_FORMAT + " must be text or json");
        }
        for (String name : LOG_LEVELS) {
            String level = env.get(name);
            if (level != null && !LEVELS.contains(level.trim().toUpperCase(Locale.ROOT))) {
                throw new SettingsException(name + " must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
            }
        }
        Map<String, String> values = new HashMap<>();
        String configFile = env.get(CONFIG);
        if (configFile != null && !configFile.isBlank()) {
            values.putAll(readFile(Path.of(configFile)));
        }
        for (String name : KNOWN) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                values.put(name, v.trim());
            }
        }

        HostPort http = HostPort.parse(HTTP_ADDR, values.getOrDefault(HTTP_ADDR, "127.0.0.1:8080"));
        Path dataDir = Path.of(values.getOrDefault(DATA_DIR, "./data")).toAbsolutePath().normalize();
        String db = values.getOrDefault(DB, "jdbc:sqlite:" + dataDir.resolve("sipyard.db"));
        if (!db.startsWith("jdbc:sqlite:") && !db.startsWith("jdbc:postgresql://")) {
            throw new SettingsException(DB + " must be a jdbc:sqlite:<file> or jdbc:postgresql://host/db URL");
        }
        int defaultPool = db.startsWith("jdbc:postgresql:") ? 16 : 8;
        int pool = intSetting(values, DB_POOL, defaultPool, 1, 500);
        String sipDomain = values.getOrDefault(SIP_DOMAIN, "sip.localhost").toLowerCase();
        if (!HOSTNAME.matcher(sipDomain).matches()) {
            throw new SettingsException(SIP_DOMAIN + "=" + sipDomain + " is not a valid DNS name");
        }
        String publicUrl = values.get(PUBLIC_URL);
        if (publicUrl != null) {
            publicUrl = publicUrl.replaceAll("/+$", "");
            URI uri;
            try {
                uri = URI.create(publicUrl);
            } catch (IllegalArgumentException e) {
                throw new SettingsException(PUBLIC_URL + " is not a URL");
            }
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new SettingsException(PUBLIC_URL + " must be an absolute http(s) URL such as https://sip.example.com");
            }
        }
        int maxBody = intSetting(values, MAX_BODY, 1024 * 1024, 1024, 64 * 1024 * 1024);
        SipSettings sip = SipSettingsLoader.load(values);
        return new Settings(http, dataDir, db, values.get(DB_USER), values.get(DB_PASSWORD), pool, sipDomain,
                publicUrl, maxBody, rateLimits(values), sip, callSettings(values),
                MediaSettingsLoader.load(values, sip.addr().host()), trustedProxies(values),
                NodeIds.of(values.get(NODE_ID), sip.addr()), metricsAddr(values, http),
                intSetting(values, DRAIN_SECONDS, 10, 0, 3600), intSetting(values, NODE_DEAD_SECONDS, 30, 3, 3600));
    }

    /** SIPYARD_TRUSTED_PROXIES: comma-separated IP addresses and CIDR networks; none by default. */
    private static IpNetworks trustedProxies(Map<String, String> values) {
        try {
            return IpNetworks.parse(values.get(TRUSTED_PROXIES));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(TRUSTED_PROXIES + ": " + e.getMessage() + " (such as 10.0.0.5 or 10.0.0.0/8)");
        }
    }

    /** host:port of the metrics listener, or null for "off"; loopback port 9464 unless set. */
    private static HostPort metricsAddr(Map<String, String> values, HostPort http) {
        String v = values.getOrDefault(METRICS_ADDR, "127.0.0.1:9464");
        if (v.equalsIgnoreCase("off")) {
            return null;
        }
        HostPort addr = HostPort.parse(METRICS_ADDR, v);
        if (addr.port() != 0 && addr.port() == http.port()) {
            throw new SettingsException(METRICS_ADDR + "=" + v + " must not use the port of " + HTTP_ADDR
                    + " (metrics have their own listener; use off to disable them)");
        }
        return addr;
    }

    private static CallSettings callSettings(Map<String, String> values) {
        CallSettings d = CallSettings.DEFAULTS;
        String allow = values.getOrDefault(WEBHOOK_ALLOW_LINK_LOCAL, "false").toLowerCase(java.util.Locale.ROOT);
        if (!allow.equals("true") && !allow.equals("false")) {
            throw new SettingsException(WEBHOOK_ALLOW_LINK_LOCAL + "=" + allow + " must be true or false");
        }
        return new CallSettings(duration(values, CALL_RING_TIMEOUT, d.ringTimeout()),
                intSetting(values, CALL_MAX_CONCURRENT, d.maxConcurrentPerEndpoint(), 1, 100_000),
                intSetting(values, CALL_MAX_RATE, d.maxRatePerEndpoint(), 1, 100_000),
                allow.equals("true"),
                duration(values, WEBHOOK_RETRY_MAX, d.outboxRetryMax()),
                duration(values, WEBHOOK_RETRY_FOR, d.outboxRetryFor()));
    }

    private static RateLimits rateLimits(Map<String, String> values) {
        RateLimits d = RateLimits.DEFAULTS;
        return new RateLimits(intSetting(values, RATE_WRITES, d.writes(), 0, 100_000_000),
                intSetting(values, RATE_READS, d.reads(), 0, 100_000_000),
                duration(values, RATE_WINDOW, d.window()),
                intSetting(values, RATE_AUTH_FAILURES, d.authFailures(), 0, 100_000_000),
                duration(values, RATE_AUTH_WINDOW, d.authWindow()));
    }

    /** A duration such as 10s, 500ms, 1m or 1h; a bare number is seconds. From 1 ms to 1 day. */
    static Duration duration(Map<String, String> values, String name, Duration dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        var m = DURATION.matcher(v.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new SettingsException(name + "=" + v + " is not a duration such as 10s, 500ms, 1m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero() || d.compareTo(Duration.ofDays(1)) > 0) {
            throw new SettingsException(name + "=" + v + " must be between 1ms and 24h");
        }
        return d;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new java.util.HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }

    static int intSetting(Map<String, String> values, String name, int dflt, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new SettingsException(name + "=" + v + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new SettingsException(name + "=" + v + " is not a whole number");
        }
    }

    private static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new SettingsException(CONFIG + "=" + file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> out = new HashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (!KNOWN.contains(name)) {
                throw new SettingsException(CONFIG + "=" + file + ": unknown setting " + name);
            }
            out.put(name, p.getProperty(name).trim());
        }
        return out;
    }
}
