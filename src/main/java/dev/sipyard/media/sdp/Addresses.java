package dev.sipyard.media.sdp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP address literals of SDP, read without ever asking DNS (SDP is untrusted input). */
final class Addresses {
    private Addresses() {}

    static boolean isLiteral(String text) {
        return toInet(text) != null;
    }

    /** A host name as RFC 4566 allows in {@code c=}; we keep it but do not resolve it. */
    static boolean isHostName(String text) {
        if (text.isEmpty() || text.length() > 253 || text.startsWith("-") || text.startsWith(".")) {
            return false;
        }
        boolean letterInLastLabel = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (!(letter || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return false;
            }
            letterInLastLabel = c == '.' ? false : letterInLastLabel || letter;
        }
        // a top-level label is never all digits, so 1.2.3.999 is a bad address, not a name
        return letterInLastLabel;
    }

    /** The address of an IPv4 or IPv6 literal, null when the text is not one. */
    static InetAddress toInet(String text) {
        byte[] v4 = ipv4(text);
        try {
            if (v4 != null) {
                return InetAddress.getByAddress(v4);
            }
            if (text.indexOf(':') >= 0 && text.length() <= 45 && onlyIpv6Characters(text)) {
                // with a colon the JDK parses a literal and never resolves
                return InetAddress.getByName(text);
            }
        } catch (UnknownHostException notALiteral) {
            return null;
        }
        return null;
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].length() > 3) {
                return null;
            }
            int n = SdpParser.number(parts[i], 255);
            if (n < 0) {
                return null;
            }
            bytes[i] = (byte) n;
        }
        return bytes;
    }

    private static boolean onlyIpv6Characters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
