package dev.sipyard.resource;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The addresses a SIP gateway may have: a SIP URI ({@code sip:} or {@code sips:}, optional
 * user part, host, port and URI parameters) or the short form {@code user@host[:port]}.
 * No password in the user part, no headers, nothing that is not a SIP address.
 */
final class SipUris {
    private static final String USER = "([A-Za-z0-9\\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2}){1,64}";
    private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final String HOST = "(" + LABEL + "(\\." + LABEL + ")*\\.?|\\[[0-9A-Fa-f:.]{2,45}\\])";
    private static final String PARAM = ";[A-Za-z0-9\\-_.!~*'%]{1,32}(=[A-Za-z0-9\\-_.!~*'%\\[\\]/:&+$]{1,64})?";
    private static final Pattern FULL = Pattern.compile("(?i:sips?):(" + USER + "@)?" + HOST + "(:(\\d{1,5}))?(" + PARAM + "){0,10}");
    private static final Pattern SHORT = Pattern.compile(USER + "@" + HOST + "(:(\\d{1,5}))?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private SipUris() {}

    static boolean isValid(String value) {
        if (value == null || value.length() > 255) {
            return false;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        Matcher m = (lower.startsWith("sip:") || lower.startsWith("sips:") ? FULL : SHORT).matcher(value);
        if (!m.matches()) {
            return false;
        }
        String rest = value.substring(value.indexOf('@') + 1);
        if (lower.startsWith("sip") && value.indexOf('@') < 0) {
            rest = value.substring(value.indexOf(':') + 1);
        }
        return hostAndPortValid(rest);
    }

    private static boolean hostAndPortValid(String hostPart) {
        int semi = hostPart.indexOf(';');
        String hp = semi < 0 ? hostPart : hostPart.substring(0, semi);
        String host = hp;
        String port = null;
        if (hp.startsWith("[")) {
            int close = hp.indexOf(']');
            host = hp.substring(0, close + 1);
            port = close + 1 < hp.length() ? hp.substring(close + 2) : null;
        } else if (hp.indexOf(':') >= 0) {
            host = hp.substring(0, hp.indexOf(':'));
            port = hp.substring(hp.indexOf(':') + 1);
        }
        if (port != null) {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                return false;
            }
        }
        if (host.startsWith("[")) {
            String inner = host.substring(1, host.length() - 1);
            return inner.contains(":") && inner.chars().filter(c -> c == ':').count() <= 7;
        }
        if (IPV4.matcher(host).matches()) {
            for (String octet : host.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
        }
        return true;
    }
}
