package dev.sipyard.sip.digest;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one {@code Authorization: Digest ...} header. Parsing is strict about
 * structure and bounded in size; anything it cannot read is empty, never an exception.
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                                String algorithm, String cnonce, String opaque, String qop, String nc) {
    private static final int MAX_HEADER = 4096;

    /** Reads a header value such as {@code Digest username="alice", realm="r", ...}. */
    public static Optional<DigestCredentials> parse(String header) {
        if (header == null || header.length() > MAX_HEADER) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Digest", 0, 6) || !Character.isWhitespace(h.charAt(6))) {
            return Optional.empty();
        }
        Map<String, String> params = params(h.substring(7));
        if (params == null) {
            return Optional.empty();
        }
        return Optional.of(new DigestCredentials(params.get("username"), params.get("realm"), params.get("nonce"),
                params.get("uri"), params.get("response"), params.get("algorithm"), params.get("cnonce"),
                params.get("opaque"), params.get("qop"), params.get("nc")));
    }

    /** The realm of a Digest header, or null; used to pick this project's header among several. */
    public static String realmOf(String header) {
        return parse(header).map(DigestCredentials::realm).orElse(null);
    }

    /** True when every field that qop=auth requires is present. */
    public boolean complete() {
        return username != null && realm != null && nonce != null && uri != null && response != null
                && cnonce != null && qop != null && nc != null;
    }

    static Map<String, String> params(String s) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int nameStart = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != ',' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String name = s.substring(nameStart, i).toLowerCase(Locale.ROOT);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (name.isEmpty() || i >= n || s.charAt(i) != '=') {
                return null;
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(s.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    return null;
                }
            } else {
                while (i < n && s.charAt(i) != ',' && !Character.isWhitespace(s.charAt(i))) {
                    value.append(s.charAt(i++));
                }
            }
            if (out.putIfAbsent(name, value.toString()) != null) {
                return null; // a repeated parameter is ambiguous: refuse the header
            }
        }
        return out;
    }
}
