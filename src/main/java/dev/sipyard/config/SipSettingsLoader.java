package dev.sipyard.config;

import dev.sipyard.common.IpNetworks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code SIPYARD_SIP_*} settings; each bad value stops the start with one line naming it. */
final class SipSettingsLoader {
    static final String ADDR = "SIPYARD_SIP_ADDR";
    static final String TLS_ADDR = "SIPYARD_SIP_TLS_ADDR";
    static final String WS_ADDR = "SIPYARD_SIP_WS_ADDR";
    static final String WSS_ADDR = "SIPYARD_SIP_WSS_ADDR";
    static final String TLS_CERT = "SIPYARD_SIP_TLS_CERT";
    static final String TLS_KEY = "SIPYARD_SIP_TLS_KEY";
    static final String MIN_EXPIRES = "SIPYARD_SIP_MIN_EXPIRES";
    static final String MAX_EXPIRES = "SIPYARD_SIP_MAX_EXPIRES";
    static final String MAX_CONTACTS = "SIPYARD_SIP_MAX_CONTACTS";
    static final String NONCE_TTL = "SIPYARD_SIP_NONCE_TTL";
    static final String GUARD_THRESHOLD = "SIPYARD_SIP_GUARD_THRESHOLD";
    static final String GUARD_WINDOW = "SIPYARD_SIP_GUARD_WINDOW";
    static final String BAN_MIN = "SIPYARD_SIP_BAN_MIN";
    static final String BAN_MAX = "SIPYARD_SIP_BAN_MAX";
    static final String ALLOW = "SIPYARD_SIP_ALLOW";
    static final String MAX_CONNECTIONS = "SIPYARD_SIP_MAX_CONNECTIONS";
    static final String IDLE_TIMEOUT = "SIPYARD_SIP_IDLE_TIMEOUT";
    static final String THREADS = "SIPYARD_SIP_THREADS";
    static final String DIGEST = "SIPYARD_SIP_DIGEST_ALGORITHMS";
    static final String NODE_ADDR = "SIPYARD_SIP_NODE_ADDR";
    /**
     * MD5 first: sipp 3.6.1 (and other clients) read only the first challenge and give up on any
     * other algorithm, so "strongest first" would lock them out; clients that look further still
     * find the SHA ones. See also LegacyDigestClients.
     */
    static final String DEFAULT_DIGEST = "MD5,SHA-512-256,SHA-256";
    private static final List<String> ALGORITHMS = List.of("MD5", "SHA-256", "SHA-512-256");

    static final Set<String> KNOWN = Set.of(ADDR, TLS_ADDR, WS_ADDR, WSS_ADDR, TLS_CERT, TLS_KEY, MIN_EXPIRES,
            MAX_EXPIRES, MAX_CONTACTS, NONCE_TTL, GUARD_THRESHOLD, GUARD_WINDOW, BAN_MIN, BAN_MAX, ALLOW,
            MAX_CONNECTIONS, IDLE_TIMEOUT, THREADS, DIGEST, NODE_ADDR);

    private SipSettingsLoader() {}

    static SipSettings load(Map<String, String> values) {
        HostPort addr = HostPort.parse(ADDR, values.getOrDefault(ADDR, "127.0.0.1:5060"));
        HostPort tls = optionalAddr(values, TLS_ADDR, addr, 5061);
        HostPort ws = optionalAddr(values, WS_ADDR, addr, 5066);
        HostPort wss = optionalAddr(values, WSS_ADDR, addr, 7443);
        Path cert = file(values, TLS_CERT);
        Path key = file(values, TLS_KEY);
        if ((cert == null) != (key == null)) {
            throw new SettingsException(TLS_CERT + " and " + TLS_KEY + " go together: set both or neither");
        }
        int min = SettingsLoader.intSetting(values, MIN_EXPIRES, 60, 1, 86_400);
        int max = SettingsLoader.intSetting(values, MAX_EXPIRES, 3600, 1, 7 * 86_400);
        if (max < min) {
            throw new SettingsException(MAX_EXPIRES + "=" + max + " is shorter than " + MIN_EXPIRES + "=" + min);
        }
        int banMin = SettingsLoader.intSetting(values, BAN_MIN, 300, 1, 30 * 86_400);
        int banMax = SettingsLoader.intSetting(values, BAN_MAX, 86_400, 1, 30 * 86_400);
        if (banMax < banMin) {
            throw new SettingsException(BAN_MAX + "=" + banMax + " is shorter than " + BAN_MIN + "=" + banMin);
        }
        return new SipSettings(addr, tls, ws, wss, cert, key, min, max,
                SettingsLoader.intSetting(values, MAX_CONTACTS, 10, 1, 100),
                SettingsLoader.intSetting(values, NONCE_TTL, 300, 1, 3600),
                SettingsLoader.intSetting(values, GUARD_THRESHOLD, 10, 1, 10_000),
                SettingsLoader.intSetting(values, GUARD_WINDOW, 60, 1, 86_400),
                banMin, banMax, allowList(values.get(ALLOW)),
                SettingsLoader.intSetting(values, MAX_CONNECTIONS, 4096, 2, 1_000_000),
                SettingsLoader.intSetting(values, IDLE_TIMEOUT, 120, 2, 86_400),
                SettingsLoader.intSetting(values, THREADS, 8, 1, 256),
                digest(values.getOrDefault(DIGEST, DEFAULT_DIGEST)),
                values.containsKey(NODE_ADDR) ? HostPort.parse(NODE_ADDR, values.get(NODE_ADDR)) : null);
    }

    /** host:port, "off", or (unset) the SIP host with the default port (0 when the SIP port is 0). */
    private static HostPort optionalAddr(Map<String, String> values, String name, HostPort sip, int dfltPort) {
        String v = values.get(name);
        if (v == null) {
            return new HostPort(sip.host(), sip.port() == 0 ? 0 : dfltPort);
        }
        if (v.equalsIgnoreCase("off")) {
            return null;
        }
        return HostPort.parse(name, v);
    }

    private static List<String> digest(String v) {
        List<String> out = new ArrayList<>();
        for (String part : v.split(",")) {
            String a = part.trim().toUpperCase(java.util.Locale.ROOT);
            if (!ALGORITHMS.contains(a) || out.contains(a)) {
                throw new SettingsException(DIGEST + "=" + v + ": list each of " + String.join(", ", ALGORITHMS)
                        + " at most once, in the order to offer them");
            }
            out.add(a);
        }
        return List.copyOf(out);
    }

    private static Path file(Map<String, String> values, String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        Path p = Path.of(v).toAbsolutePath().normalize();
        if (!Files.isReadable(p)) {
            throw new SettingsException(name + "=" + v + " is not a readable file");
        }
        return p;
    }

    private static List<String> allowList(String v) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        for (String part : v.split(",")) {
            String cidr = part.trim();
            if (cidr.isEmpty()) {
                continue;
            }
            try {
                IpNetworks.of(List.of(cidr));
            } catch (IllegalArgumentException e) {
                throw new SettingsException(ALLOW + ": " + cidr + " is not an IP address or network (10.0.0.0/8)");
            }
            out.add(cidr);
        }
        return List.copyOf(out);
    }
}
