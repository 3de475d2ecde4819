package dev.sipyard.sip.auth;

import java.util.Locale;

/** The digest {@code uri} rule of SIP.md: it must name the request's target. */
final class DigestUris {
    private DigestUris() {}

    /**
     * True when the digest uri is the Request-URI, has the Request-URI's host and port, or names
     * the address the request arrived at (sipp computes it over {@code sip:<server ip>:<port>}).
     */
    static boolean namesTarget(String uri, String requestUri, String localAddress, int localPort) {
        if (uri.equalsIgnoreCase(requestUri)) {
            return true;
        }
        String[] digestHost = hostPort(uri);
        if (digestHost == null) {
            return false;
        }
        String[] requestHost = hostPort(requestUri);
        if (requestHost != null && digestHost[0].equals(requestHost[0]) && digestHost[1].equals(requestHost[1])) {
            return true;
        }
        String local = localAddress == null ? "" : localAddress.toLowerCase(Locale.ROOT);
        return digestHost[0].equals(local) && (digestHost[1].equals(String.valueOf(localPort))
                || digestHost[1].isEmpty());
    }

    /** {host, port} of a sip/sips URI, lower-case; port "" when absent; null when not such a URI. */
    static String[] hostPort(String uri) {
        String u = uri.trim().toLowerCase(Locale.ROOT);
        int colon = u.indexOf(':');
        if (colon < 0 || !(u.startsWith("sip:") || u.startsWith("sips:"))) {
            return null;
        }
        String rest = u.substring(colon + 1);
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            rest = rest.substring(at + 1);
        }
        int end = rest.length();
        for (char c : new char[] {';', '?', '>'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        rest = rest.substring(0, end);
        String host;
        String port = "";
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = rest.substring(1, close);
            if (rest.length() > close + 1 && rest.charAt(close + 1) == ':') {
                port = rest.substring(close + 2);
            }
        } else {
            int pc = rest.lastIndexOf(':');
            host = pc >= 0 ? rest.substring(0, pc) : rest;
            port = pc >= 0 ? rest.substring(pc + 1) : "";
        }
        return new String[] {host, port};
    }
}
