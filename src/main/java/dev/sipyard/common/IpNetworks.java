package dev.sipyard.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A set of IP networks written in CIDR ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single
 * address), and a membership test. Only IP literals are read, never a host name (so never a DNS
 * lookup); an IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is the IPv4 address it maps.
 */
public final class IpNetworks {
    /** No network at all: contains nothing. */
    public static final IpNetworks NONE = new IpNetworks(List.of(), List.of());

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private record Net(byte[] prefix, int bits) {}

    private final List<Net> nets;
    private final List<String> written;

    private IpNetworks(List<Net> nets, List<String> written) {
        this.nets = nets;
        this.written = written;
    }

    /** Equal when written the same (settings compare equal when they say the same). */
    @Override
    public boolean equals(Object o) {
        return o instanceof IpNetworks other && written.equals(other.written);
    }

    @Override
    public int hashCode() {
        return written.hashCode();
    }

    /**
     * The networks of a comma-separated list (blank entries skipped).
     *
     * @throws IllegalArgumentException naming the first entry that is not an IP address or network
     */
    public static IpNetworks parse(String commaSeparated) {
        List<String> entries = new ArrayList<>();
        if (commaSeparated != null) {
            for (String part : commaSeparated.split(",")) {
                if (!part.isBlank()) {
                    entries.add(part.trim());
                }
            }
        }
        return of(entries);
    }

    /** @throws IllegalArgumentException naming the first entry that is not an IP address or network */
    public static IpNetworks of(List<String> cidrs) {
        List<Net> nets = new ArrayList<>();
        for (String cidr : cidrs) {
            nets.add(network(cidr.trim()));
        }
        return new IpNetworks(List.copyOf(nets), List.copyOf(cidrs));
    }

    private static Net network(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] address = address(slash < 0 ? cidr : cidr.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException(cidr + " is not an IP address or network");
        }
        int max = address.length * 8;
        if (slash < 0) {
            return new Net(address, max);
        }
        String bits = cidr.substring(slash + 1);
        if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > max) {
            throw new IllegalArgumentException(cidr + " has a prefix length that is not a number from 0 to " + max);
        }
        return new Net(address, Integer.parseInt(bits));
    }

    /** Whether {@code address} (an IP literal, IPv6 possibly in brackets) is in one of the networks; false if not an address. */
    public boolean contains(String address) {
        if (nets.isEmpty()) {
            return false;
        }
        byte[] a = address(address);
        return a != null && contains(a);
    }

    private boolean contains(byte[] a) {
        for (Net n : nets) {
            if (n.prefix().length == a.length && matches(n, a)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return nets.isEmpty();
    }

    private static boolean matches(Net n, byte[] a) {
        int full = n.bits() / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n.prefix()[i]) {
                return false;
            }
        }
        int rest = n.bits() % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (n.prefix()[full] & mask);
    }

    /**
     * The bytes of an IP literal: dotted IPv4 (four decimal parts, no leading zeros) or IPv6,
     * optionally in brackets; null for anything else, host names included (never looked up).
     */
    public static byte[] address(String literal) {
        if (literal == null) {
            return null;
        }
        String s = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1)
                : literal;
        boolean v4 = IPV4.matcher(s).matches();
        // Java reads a string with a colon as an IPv6 literal or refuses it; it never resolves it.
        if (!v4 && !(s.indexOf(':') >= 0 && IPV6_CHARS.matcher(s).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The canonical text of an IP literal ({@code 2001:db8:0:0:0:0:0:1}), or null if it is not one. */
    public static String canonical(String literal) {
        byte[] a = address(literal);
        if (a == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(a).getHostAddress();
        } catch (UnknownHostException e) {
            return null; // never: the length is 4 or 16
        }
    }

    @Override
    public String toString() {
        return String.join(",", written);
    }
}
