package dev.sipyard.sip.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** A list of IP networks (CIDR) and a membership test. */
final class Networks {
    private record Net(byte[] prefix, int bits) {}

    private final List<Net> nets = new ArrayList<>();

    Networks(List<String> cidrs) {
        for (String c : cidrs) {
            String[] parts = c.split("/", 2);
            byte[] addr = parse(parts[0]);
            if (addr == null) {
                throw new IllegalArgumentException("not an IP network: " + c);
            }
            nets.add(new Net(addr, parts.length == 2 ? Integer.parseInt(parts[1]) : addr.length * 8));
        }
    }

    boolean contains(String ip) {
        if (nets.isEmpty()) {
            return false;
        }
        byte[] a = parse(ip);
        if (a == null) {
            return false;
        }
        for (Net n : nets) {
            if (n.prefix().length == a.length && matches(n, a)) {
                return true;
            }
        }
        return false;
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

    /** The bytes of an IP literal; never a DNS lookup. */
    static byte[] parse(String ip) {
        if (ip == null || ip.isEmpty() || !ip.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
