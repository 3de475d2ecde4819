package dev.sipyard.media.sdp;

import dev.sipyard.media.sdp.SessionDescription.Origin;
import dev.sipyard.media.srtp.SdesCrypto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads SDP text into a {@link SessionDescription}. Lenient where real phones differ (line ends, order, unknown
 * lines and attributes, attributes with values we cannot use), strict where a wrong value would mislead us
 * (version, origin, connection, media lines) and bounded in size.
 */
final class SdpParser {
    private static final int MAX_CRYPTOS = 16;

    private Origin origin;
    private String sessionName = "";
    private String sessionConnection;
    private String sessionDirection;
    private final List<MediaSection> media = new ArrayList<>();
    private MediaSection current;

    private SdpParser() {}

    static SessionDescription parse(String sdp) throws MalformedSdp {
        if (sdp != null && sdp.length() > SessionDescription.MAX_LENGTH) {
            throw new MalformedSdp("SDP body larger than 64 KB");
        }
        if (sdp == null || sdp.isBlank()) {
            throw new MalformedSdp("empty SDP body");
        }
        SdpParser parser = new SdpParser();
        boolean versionSeen = false;
        for (String raw : sdp.split("\r\n|\n|\r")) {
            String line = raw.strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            rejectControlCharacters(line);
            char type = line.charAt(0);
            String value = line.substring(2).strip();
            if (!versionSeen) {
                if (type != 'v') {
                    throw new MalformedSdp("not SDP: the first line is not v=0");
                }
                if (!value.equals("0")) {
                    throw new MalformedSdp("unsupported SDP version: v=" + shorten(value));
                }
                versionSeen = true;
                continue;
            }
            parser.line(type, value);
        }
        if (!versionSeen) {
            throw new MalformedSdp("not SDP: no v=0 line");
        }
        return parser.finish();
    }

    private void line(char type, String value) throws MalformedSdp {
        switch (type) {
            case 'o' -> origin(value);
            case 's' -> {
                if (sessionName.isEmpty()) {
                    sessionName = value;
                }
            }
            case 'c' -> {
                String address = connection(value);
                if (current == null) {
                    sessionConnection = address;
                } else {
                    current.connection = address;
                }
            }
            case 'm' -> mediaLine(value);
            case 'a' -> attribute(value);
            default -> { } // t=, b=, i=, k=, r=, z=, u=, e=, p= and unknown types do not matter to us
        }
    }

    private void origin(String value) throws MalformedSdp {
        if (origin != null) {
            return;
        }
        String[] f = value.split("\\s+");
        if (f.length < 6) {
            throw new MalformedSdp("bad o= line: expected 6 fields");
        }
        origin = new Origin(f[0], f[1], f[2], f[5]);
    }

    private static String connection(String value) throws MalformedSdp {
        String[] f = value.split("\\s+");
        if (f.length < 3) {
            throw new MalformedSdp("bad c= line: expected IN IP4|IP6 <address>");
        }
        if (!f[0].equalsIgnoreCase("IN")) {
            throw new MalformedSdp("bad c= line: network type is not IN");
        }
        // multicast addresses may carry /ttl and /count; we only keep the address
        int slash = f[2].indexOf('/');
        String address = slash < 0 ? f[2] : f[2].substring(0, slash);
        if (!Addresses.isLiteral(address) && !Addresses.isHostName(address)) {
            throw new MalformedSdp("bad c= line: " + shorten(address) + " is not an address");
        }
        return address;
    }

    private void mediaLine(String value) throws MalformedSdp {
        if (media.size() == SessionDescription.MAX_MEDIA) {
            throw new MalformedSdp("more than " + SessionDescription.MAX_MEDIA + " m= lines");
        }
        String[] f = value.split("\\s+");
        if (f.length < 3) {
            throw new MalformedSdp("bad m= line: expected <media> <port> <proto> <formats>");
        }
        if (f.length - 3 > SessionDescription.MAX_FORMATS) {
            throw new MalformedSdp("more than " + SessionDescription.MAX_FORMATS + " formats in an m= line");
        }
        int slash = f[1].indexOf('/');
        int port = number(slash < 0 ? f[1] : f[1].substring(0, slash), 65535);
        if (port < 0) {
            throw new MalformedSdp("bad m= line: port " + shorten(f[1]));
        }
        current = new MediaSection(f[0].toLowerCase(Locale.ROOT), port, f[2],
                List.of(f).subList(3, f.length));
        media.add(current);
    }

    private void attribute(String value) {
        int colon = value.indexOf(':');
        String name = (colon < 0 ? value : value.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        String argument = colon < 0 ? "" : value.substring(colon + 1).strip();
        if (isDirection(name)) {
            if (current == null) {
                sessionDirection = name;
            } else {
                current.direction = name;
            }
            return;
        }
        if (current == null) {
            return;
        }
        switch (name) {
            case "rtpmap" -> rtpmap(argument);
            case "fmtp" -> fmtp(argument);
            case "crypto" -> crypto(argument);
            case "ptime" -> {
                int dot = argument.indexOf('.');
                int ms = number(dot < 0 ? argument : argument.substring(0, dot), 1000);
                if (ms > 0) {
                    current.ptime = ms;
                }
            }
            case "rtcp-mux" -> current.rtcpMux = true;
            case "rtcp" -> {
                int port = number(argument.split("\\s+")[0], 65535);
                if (port >= 0) {
                    current.rtcpPort = port;
                }
            }
            default -> { }
        }
    }

    private void rtpmap(String argument) {
        String[] f = argument.split("\\s+", 2);
        int pt = number(f[0], 127);
        if (pt < 0 || f.length < 2) {
            return;
        }
        String[] parts = f[1].strip().split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
            return;
        }
        int clockRate = number(parts[1], 10_000_000);
        int channels = parts.length == 3 ? number(parts[2], 255) : 1;
        if (clockRate <= 0 || channels <= 0) {
            return;
        }
        current.rtpmaps.putIfAbsent(pt, new RtpMap(pt, parts[0], clockRate, channels));
    }

    private void fmtp(String argument) {
        String[] f = argument.split("\\s+", 2);
        int pt = number(f[0], 127);
        if (pt >= 0) {
            current.fmtp.putIfAbsent(pt, f.length < 2 ? "" : f[1].strip());
        }
    }

    private void crypto(String argument) {
        if (current.cryptos.size() == MAX_CRYPTOS) {
            return;
        }
        try {
            current.cryptos.add(SdesCrypto.parse(argument));
        } catch (RuntimeException unusable) {
            // an offer may list suites or key parameters we cannot use; another line may still do.
            // RuntimeException, not only IllegalArgumentException: this is untrusted input handed to other code.
        }
    }

    private SessionDescription finish() throws MalformedSdp {
        if (origin == null) {
            throw new MalformedSdp("no o= line");
        }
        List<MediaDescription> sections = new ArrayList<>(media.size());
        for (MediaSection m : media) {
            String direction = m.direction != null ? m.direction
                    : sessionDirection != null ? sessionDirection : "sendrecv";
            sections.add(new MediaDescription(m.media, m.port, m.proto, m.formats, m.rtpmaps, m.fmtp,
                    m.connection != null ? m.connection : sessionConnection, direction, m.cryptos, m.ptime,
                    m.rtcpMux, m.rtcpPort));
        }
        return new SessionDescription(origin, sessionName, sessionConnection, sections);
    }

    private static boolean isDirection(String name) {
        return name.equals("sendrecv") || name.equals("sendonly") || name.equals("recvonly")
                || name.equals("inactive");
    }

    private static void rejectControlCharacters(String line) throws MalformedSdp {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new MalformedSdp("control character in SDP body");
            }
        }
    }

    /** A decimal number from 0 to max, or -1 when the text is not one. */
    static int number(String text, int max) {
        if (text.isEmpty() || text.length() > 9) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n <= max ? n : -1;
    }

    /** Untrusted text quoted in an error message: short, printable ASCII, no quotes (it may end in a header). */
    static String shorten(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 40; i++) {
            char c = text.charAt(i);
            out.append(c > 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        return out.length() < text.length() ? out + "..." : out.toString();
    }

    private static final class MediaSection {
        final String media;
        final int port;
        final String proto;
        final List<String> formats;
        final Map<Integer, RtpMap> rtpmaps = new HashMap<>();
        final Map<Integer, String> fmtp = new HashMap<>();
        final List<SdesCrypto> cryptos = new ArrayList<>();
        String connection;
        String direction;
        Integer ptime;
        boolean rtcpMux;
        Integer rtcpPort;

        MediaSection(String media, int port, String proto, List<String> formats) {
            this.media = media;
            this.port = port;
            this.proto = proto;
            this.formats = formats;
        }
    }
}
