package dev.sipyard.routing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Which addresses are a project's carriers: the hosts of its SIP gateway resources, resolved to
 * addresses. A call to a project's number is only taken from one of them. Kept for a few seconds
 * (a new gateway works within that time on every node).
 */
public final class CarrierGateways {
    private static final long CACHE_MILLIS = 5_000;

    private record Cached(Set<String> addresses, long until) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final Map<String, Cached> byProject = new ConcurrentHashMap<>();

    public CarrierGateways(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** True when {@code sourceAddress} is the address of one of the project's SIP gateways. */
    public boolean isGatewayOf(String projectId, String sourceAddress) {
        long now = clock.millis();
        Cached c = byProject.get(projectId);
        if (c == null || c.until() <= now) {
            c = new Cached(load(projectId), now + CACHE_MILLIS);
            if (byProject.size() > 10_000) {
                byProject.clear();
            }
            byProject.put(projectId, c);
        }
        return c.addresses().contains(sourceAddress);
    }

    private Set<String> load(String projectId) {
        List<String> uris = jdbi.withHandle(h -> h.createQuery("SELECT g.uri FROM sip_gateways g "
                        + "JOIN resources r ON r.id = g.id WHERE r.project_id = :p")
                .bind("p", projectId).mapTo(String.class).list());
        Set<String> out = new HashSet<>();
        for (String uri : uris) {
            String host = hostOf(uri);
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    out.add(a.getHostAddress());
                }
            } catch (UnknownHostException e) {
                // a gateway whose name does not resolve cannot send us calls
            }
        }
        return out;
    }

    /** The host of a gateway URI ({@code sip:user@host:port;params}, or {@code host:port}). */
    static String hostOf(String uri) {
        String u = uri.trim().replaceFirst("(?i)^sips?:", "");
        int at = u.lastIndexOf('@');
        if (at >= 0) {
            u = u.substring(at + 1);
        }
        u = u.replaceAll("[;?>].*", "");
        if (u.startsWith("[")) {
            int close = u.indexOf(']');
            return close < 0 ? u : u.substring(1, close);
        }
        int colon = u.lastIndexOf(':');
        return (colon >= 0 ? u.substring(0, colon) : u).toLowerCase(Locale.ROOT);
    }
}
