package dev.sipyard.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which addresses a webhook may not reach (server-side request forgery): link-local networks,
 * the cloud metadata services and the unspecified address. Loopback and private networks stay
 * allowed, because self-hosted applications often live there. Public because the media engine
 * fetches prompt audio under the same rules.
 */
public final class AddressGuard {
    private static final List<InetAddress> METADATA = List.of(
            literal("169.254.169.254"), literal("fd00:ec2::254"), literal("100.100.100.200"));

    private final boolean allowLinkLocal;

    public AddressGuard(boolean allowLinkLocal) {
        this.allowLinkLocal = allowLinkLocal;
    }

    /** Why {@code address} is refused, or null when it may be reached. */
    public String refusal(InetAddress address) {
        if (allowLinkLocal) {
            return null;
        }
        if (address.isAnyLocalAddress()) {
            return "the unspecified address " + address.getHostAddress() + " is not allowed";
        }
        if (METADATA.contains(address)) {
            return "the cloud metadata address " + address.getHostAddress() + " is not allowed";
        }
        if (address.isLinkLocalAddress()) {
            return "the link-local address " + address.getHostAddress() + " is not allowed";
        }
        return null;
    }

    /** Why {@code host} is refused (any of its addresses is), or null; resolves the name. */
    public String refusal(String host) throws UnknownHostException {
        for (InetAddress a : InetAddress.getAllByName(host)) {
            String why = refusal(a);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
