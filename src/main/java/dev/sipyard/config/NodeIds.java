package dev.sipyard.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name of one node among several that share a database: set by {@code SIPYARD_NODE_ID}, or
 * derived from where its SIP listener is, so that two nodes on one machine (each on its own
 * address) still differ. It names the node in logs, in the outbox's leases and in metrics.
 */
public final class NodeIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private NodeIds() {}

    /** The configured id, checked, or one derived from the SIP listener {@code sip}. */
    public static String of(String configured, HostPort sip) {
        if (configured != null) {
            if (!VALID.matcher(configured).matches()) {
                throw new SettingsException(SettingsLoader.NODE_ID + "=" + configured
                        + " must be 1-64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
            }
            return configured;
        }
        return derived(sip);
    }

    /** {@code <host>:<sip port>}: the listener's own address when it has one, else this machine's name. */
    static String derived(HostPort sip) {
        String host = sip.host();
        if (isWildcard(host)) {
            host = machineName();
        }
        String id = (host + ":" + sip.port()).replaceAll("[^A-Za-z0-9._:-]", "-");
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    /**
     * Where the other nodes reach this node's SIP over UDP ({@code host:port}): the configured
     * address (port 0: the listener's), else the listener's own address, else this machine's.
     */
    public static String sipAddress(HostPort configured, HostPort listener, int udpPort) {
        HostPort base = configured != null ? configured : listener;
        String host = base.host();
        if (isWildcard(host)) {
            host = machineAddress();
        }
        int port = configured != null && configured.port() != 0 ? configured.port() : udpPort;
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.isEmpty();
    }

    private static String machineAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    private static String machineName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
