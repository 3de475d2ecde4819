package dev.sipyard.api;

import dev.sipyard.common.IpNetworks;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The address of the client behind a request, for rate limits, the failed-authentication budget
 * and logs. The TCP peer, unless the peer is one of the operator's trusted reverse proxies
 * ({@code SIPYARD_TRUSTED_PROXIES}): then the right-most {@code X-Forwarded-For} address that is
 * not itself a trusted proxy. Addresses left of that one were written by the client and are
 * never believed; with no trusted proxy the header is ignored altogether.
 */
final class ClientAddress {
    /** The request attribute holding the resolved address once asked for (for loggers). */
    static final String ATTRIBUTE = "sipyard.client_address";
    static final String HEADER = "X-Forwarded-For";

    private final IpNetworks trusted;

    ClientAddress(IpNetworks trusted) {
        this.trusted = trusted;
    }

    /** The client's address for this request, resolved once per request. */
    String of(Context ctx) {
        String known = ctx.attribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        String client = trusted.isEmpty() ? ctx.ip()
                : resolve(ctx.ip(), Collections.list(ctx.req().getHeaders(HEADER)), trusted);
        ctx.attribute(ATTRIBUTE, client);
        return client;
    }

    /**
     * The rule itself. {@code forwardedFor} are the header's values in the order received (a
     * proxy may add a line rather than extend one). Walking from the right, each trusted hop
     * passes the question to the address it names; the first untrusted one is the client. An
     * entry that is not an IP address (empty, "unknown", garbage) ends the walk at the last hop
     * that was trusted: nothing further left can be believed. Every trusted hop: the left-most.
     */
    static String resolve(String peer, List<String> forwardedFor, IpNetworks trusted) {
        String current = canonicalOr(peer);
        if (!trusted.contains(peer)) {
            return current;
        }
        List<String> hops = new ArrayList<>();
        for (String line : forwardedFor) {
            for (String entry : line.split(",", -1)) {
                hops.add(entry.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = IpNetworks.canonical(withoutPort(hops.get(i)));
            if (hop == null) {
                return current;
            }
            current = hop;
            if (!trusted.contains(hop)) {
                return hop;
            }
        }
        return current;
    }

    /** An entry as some proxies write it with the client's port: {@code 192.0.2.1:5060}, {@code [2001:db8::1]:5060}. */
    private static String withoutPort(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close < 0 ? entry : entry.substring(0, close + 1);
        }
        int colon = entry.indexOf(':');
        return colon > 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
    }

    private static String canonicalOr(String address) {
        String c = IpNetworks.canonical(address);
        return c == null ? address : c;
    }
}
