package dev.sipyard.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Any SIP message as a test sees it: a request (method, URI) or a response (status), headers and body. */
public record SipMsg(String method, String uri, int status, String reason, List<Map.Entry<String, String>> headers,
                     String body, String raw) {

    public static SipMsg parse(String raw) {
        int split = raw.indexOf("\r\n\r\n");
        String head = split < 0 ? raw : raw.substring(0, split);
        String body = split < 0 ? "" : raw.substring(split + 4);
        String[] lines = head.split("\r\n");
        String[] start = lines[0].split(" ", 3);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(Map.entry(SipResponse.longName(lines[i].substring(0, colon).trim()),
                        lines[i].substring(colon + 1).trim()));
            }
        }
        if (start[0].startsWith("SIP/")) {
            return new SipMsg(null, null, Integer.parseInt(start[1]), start.length > 2 ? start[2] : "", headers, body,
                    raw);
        }
        return new SipMsg(start[0], start[1], 0, null, headers, body, raw);
    }

    public boolean isRequest() {
        return method != null;
    }

    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (var e : headers) {
            if (e.getKey().equalsIgnoreCase(name)) {
                if (name.equalsIgnoreCase("Via") || name.equalsIgnoreCase("Record-Route")
                        || name.equalsIgnoreCase("Route")) {
                    out.addAll(SipResponse.splitList(e.getValue()));
                } else {
                    out.add(e.getValue());
                }
            }
        }
        return out;
    }

    public String first(String name) {
        List<String> a = all(name);
        return a.isEmpty() ? null : a.get(0);
    }

    public String callId() {
        return first("Call-ID");
    }

    /** The CSeq method, for matching responses. */
    public String cseqMethod() {
        String c = first("CSeq");
        return c == null ? null : c.trim().split("\\s+")[1];
    }

    /** The tag parameter of a From or To value, or null. */
    public static String tag(String headerValue) {
        if (headerValue == null) {
            return null;
        }
        int i = headerValue.toLowerCase(Locale.ROOT).indexOf(";tag=");
        return i < 0 ? null : headerValue.substring(i + 5).replaceAll("[;>\\s].*", "");
    }

    /** The URI inside the angle brackets of a name-addr (or the value itself). */
    public static String uriOf(String nameAddr) {
        int lt = nameAddr.indexOf('<');
        int gt = nameAddr.indexOf('>');
        return lt >= 0 && gt > lt ? nameAddr.substring(lt + 1, gt) : nameAddr.split(";")[0].trim();
    }

    @Override
    public String toString() {
        return isRequest() ? method + " " + uri : status + " " + reason;
    }
}
