package dev.sipyard.sip.proxy;

import dev.sipyard.common.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The pass one node gives an INVITE it relays to another node for a phone whose connection lives
 * there: the {@value #HEADER} header names the binding to ring and is signed with a key the nodes
 * share through their database, for this Call-ID and for a short time. The receiving node rings
 * that binding without authenticating the caller again (the relaying node did), so a pass cannot
 * be forged, moved to another call or kept for later.
 */
final class RelayPass {
    static final String HEADER = dev.sipyard.sip.transport.SipHeaders.NODE_RELAY;
    /** How long a pass is honoured: an INVITE's retransmissions and a slow link fit well inside it. */
    static final long VALID_SECONDS = 64;
    private static final int SIGNATURE_BYTES = 16;

    private final HmacSha256 mac;
    private final Clock clock;

    RelayPass(byte[] key, Clock clock) {
        this.mac = new HmacSha256(key);
        this.clock = clock;
    }

    /** The header value that lets {@code callId}'s INVITE ring binding {@code bindingId}. */
    String issue(String bindingId, String callId) {
        long t = clock.millis() / 1000;
        return "binding=" + bindingId + ";t=" + t + ";sig=" + HexFormat.of().formatHex(sign(bindingId, callId, t));
    }

    /** The binding a pass lets {@code callId} ring; empty when it is malformed, forged, for another call or stale. */
    Optional<String> check(String value, String callId) {
        if (value == null || value.length() > 256) {
            return Optional.empty();
        }
        String binding = null;
        String sig = null;
        long t = -1;
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            String name = part.substring(0, eq).trim();
            String v = part.substring(eq + 1).trim();
            switch (name) {
                case "binding" -> binding = v;
                case "sig" -> sig = v;
                case "t" -> {
                    try {
                        t = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (binding == null || binding.isEmpty() || sig == null || t < 0) {
            return Optional.empty();
        }
        long age = clock.millis() / 1000 - t;
        if (age < -VALID_SECONDS || age > VALID_SECONDS) {
            return Optional.empty();
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(sig);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(given, sign(binding, callId, t)) ? Optional.of(binding) : Optional.empty();
    }

    private byte[] sign(String bindingId, String callId, long t) {
        return mac.sign((bindingId + "\n" + callId + "\n" + t).getBytes(StandardCharsets.UTF_8), SIGNATURE_BYTES);
    }
}
