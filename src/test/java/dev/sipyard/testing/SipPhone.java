package dev.sipyard.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small SIP user agent for tests: builds REGISTERs for one account, answers digest challenges
 * (MD5, SHA-256 or SHA-512-256, qop=auth) and keeps its Call-ID and CSeq like a phone does.
 * Its digest code is written independently of the server's.
 */
public final class SipPhone {
    private final SipTestClient client;
    private final String user;
    private final String domain;
    private String password;
    private String algorithm = "MD5";
    private String callId = UUID.randomUUID() + "@test";
    private long cseq = 1;
    private String contact;
    private String lastChallenge;
    private int nc;

    public SipPhone(SipTestClient client, String user, String domain, String password) {
        this.client = client;
        this.user = user;
        this.domain = domain;
        this.password = password;
        TestSecrets.record(password);
        this.contact = "sip:" + user + "@" + client.localAddress() + ":" + client.localPort() + ";transport="
                + client.transport().toLowerCase(Locale.ROOT);
    }

    public SipPhone algorithm(String a) {
        this.algorithm = a;
        return this;
    }

    public SipPhone password(String p) {
        this.password = p;
        TestSecrets.record(p);
        return this;
    }

    public SipPhone contact(String c) {
        this.contact = c;
        return this;
    }

    public SipPhone newCallId() {
        this.callId = UUID.randomUUID() + "@test";
        return this;
    }

    public String contact() {
        return contact;
    }

    public String callId() {
        return callId;
    }

    public long cseq() {
        return cseq;
    }

    public void cseq(long value) {
        this.cseq = value;
    }

    /** REGISTER with this phone's contact and Expires, answering a challenge once. */
    public SipResponse register(int expires) {
        return registerWith(List.of("<" + contact + ">"), expires);
    }

    /** REGISTER with the given Contact header values (e.g. "*", "<sip:a@b>;expires=30") and Expires (null: none). */
    public SipResponse registerWith(List<String> contacts, Integer expires) {
        SipResponse first = client.request(message(contacts, expires, null));
        if (first == null || first.status() != 401) {
            return first;
        }
        return client.request(message(contacts, expires, authorize(first)));
    }

    /** One request, no automatic challenge handling; {@code authorization} may be null. */
    public SipResponse send(List<String> contacts, Integer expires, String authorization) {
        return client.request(message(contacts, expires, authorization));
    }

    /** The Authorization for the challenge in {@code r} (for this phone's algorithm), with the next nc. */
    public String authorize(SipResponse r) {
        String challenge = challengeFor(r, algorithm);
        lastChallenge = challenge;
        nc = 0;
        return authorizationFor(challenge, ++nc, requestUri());
    }

    /** Another Authorization for the last challenge, with nc counted up (or {@code ncValue}). */
    public String reauthorize(int ncValue) {
        return authorizationFor(lastChallenge, ncValue, requestUri());
    }

    public String authorizationFor(String challenge, int ncValue, String digestUri) {
        return authorizationFor(challenge, ncValue, digestUri, "REGISTER");
    }

    /** The digest answer to {@code challenge} for a request of {@code method} (INVITE: Proxy-Authorization). */
    public String authorizationFor(String challenge, int ncValue, String digestUri, String method) {
        Map<String, String> c = params(challenge);
        String realm = c.get("realm");
        String nonce = c.get("nonce");
        String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
        String ncHex = String.format("%08x", ncValue);
        String ha1 = hash(user + ":" + realm + ":" + password);
        String ha2 = hash(method + ":" + digestUri);
        String response = hash(ha1 + ":" + nonce + ":" + ncHex + ":" + cnonce + ":auth:" + ha2);
        TestSecrets.record(response);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\""
                + digestUri + "\", response=\"" + response + "\", algorithm=" + algorithm + ", cnonce=\"" + cnonce
                + "\", qop=auth, nc=" + ncHex + (c.containsKey("opaque") ? ", opaque=\"" + c.get("opaque") + "\"" : "");
    }

    public String user() {
        return user;
    }

    public String domain() {
        return domain;
    }

    public SipTestClient client() {
        return client;
    }

    public String algorithm() {
        return algorithm;
    }

    public String requestUri() {
        return "sip:" + domain;
    }

    public String message(List<String> contacts, Integer expires, String authorization) {
        return message(contacts, expires, authorization, Map.of());
    }

    public String message(List<String> contacts, Integer expires, String authorization, Map<String, String> extra) {
        String branch = "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        StringBuilder m = new StringBuilder();
        m.append("REGISTER ").append(requestUri()).append(" SIP/2.0\r\n");
        m.append("Via: SIP/2.0/").append(client.transport()).append(' ').append(client.localAddress()).append(':')
                .append(client.localPort()).append(";branch=").append(branch).append(";rport\r\n");
        m.append("Max-Forwards: 70\r\n");
        m.append("From: <sip:").append(user).append('@').append(domain).append(">;tag=")
                .append(Long.toHexString(ThreadLocalRandom.current().nextLong())).append("\r\n");
        m.append("To: <sip:").append(user).append('@').append(domain).append(">\r\n");
        m.append("Call-ID: ").append(callId).append("\r\n");
        m.append("CSeq: ").append(cseq++).append(" REGISTER\r\n");
        for (String c : contacts) {
            m.append("Contact: ").append(c).append("\r\n");
        }
        if (expires != null) {
            m.append("Expires: ").append(expires).append("\r\n");
        }
        if (authorization != null) {
            m.append("Authorization: ").append(authorization).append("\r\n");
        }
        m.append("User-Agent: sipyard-test-phone\r\n");
        extra.forEach((k, v) -> m.append(k).append(": ").append(v).append("\r\n"));
        m.append("Content-Length: 0\r\n\r\n");
        return m.toString();
    }

    /** The WWW-Authenticate value offering {@code alg}. */
    public static String challengeFor(SipResponse r, String alg) {
        for (String v : r.all("WWW-Authenticate")) {
            String a = params(v).getOrDefault("algorithm", "MD5");
            if (a.equalsIgnoreCase(alg)) {
                return v;
            }
        }
        throw new AssertionError("no " + alg + " challenge in " + r.all("WWW-Authenticate"));
    }

    public static Map<String, String> params(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        String s = header.replaceFirst("(?i)^\\s*Digest\\s+", "");
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        for (char ch : s.toCharArray()) {
            if (ch == '"') {
                q = !q;
            }
            if (ch == ',' && !q) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        parts.add(cur.toString());
        for (String p : parts) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                out.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim().replace("\"", ""));
            }
        }
        return out;
    }

    private String hash(String s) {
        String jdk = switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "MD5" -> "MD5";
            case "SHA-256" -> "SHA-256";
            case "SHA-512-256" -> "SHA-512/256";
            default -> throw new IllegalArgumentException(algorithm);
        };
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jdk).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
