package dev.sipyard.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A SIP response as a test sees it: status line and headers (repeated and comma-joined values split). */
public record SipResponse(int status, String reason, List<Map.Entry<String, String>> headers, String raw) {

    static SipResponse parse(String raw) {
        String[] lines = raw.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(Map.entry(longName(lines[i].substring(0, colon).trim()),
                        lines[i].substring(colon + 1).trim()));
            }
        }
        return new SipResponse(Integer.parseInt(statusLine[1]), statusLine.length > 2 ? statusLine[2] : "", headers,
                raw);
    }

    /** The long form of a compact header name (RFC 3261 §7.3.3). */
    static String longName(String n) {
        return switch (n.toLowerCase(Locale.ROOT)) {
            case "m" -> "Contact";
            case "i" -> "Call-ID";
            case "t" -> "To";
            case "f" -> "From";
            case "v" -> "Via";
            case "l" -> "Content-Length";
            default -> n;
        };
    }

    /** Every value of a header (case-insensitive name), in order, as sent. */
    public List<String> all(String name) {
        return headers.stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    public String first(String name) {
        List<String> a = all(name);
        return a.isEmpty() ? null : a.get(0);
    }

    /** The Contact values, one per binding (comma-joined headers split outside quotes and angle brackets). */
    public List<String> contacts() {
        List<String> out = new ArrayList<>();
        for (String v : all("Contact")) {
            out.addAll(splitList(v));
        }
        return out;
    }

    /** The expires parameter of the contact whose URI contains {@code uriPart}, or -1. */
    public long expiresOf(String uriPart) {
        for (String c : contacts()) {
            if (c.contains(uriPart)) {
                int i = c.toLowerCase(Locale.ROOT).lastIndexOf("expires=");
                if (i >= 0) {
                    String digits = c.substring(i + 8).replaceAll("[^0-9].*", "");
                    return Long.parseLong(digits);
                }
            }
        }
        return -1;
    }

    static List<String> splitList(String v) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder cur = new StringBuilder();
        for (char c : v.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                depth++;
            } else if (!quoted && c == '>') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(cur.toString().trim());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    @Override
    public String toString() {
        return status + " " + reason;
    }
}
