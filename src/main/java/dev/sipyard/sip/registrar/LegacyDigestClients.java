package dev.sipyard.sip.registrar;

import dev.sipyard.sip.digest.DigestAlgorithm;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Clients known to give up when a 401 carries any challenge they cannot compute, instead of
 * picking the one they can (RFC 8760 §2.4 asks them to skip it). They are offered MD5 alone.
 * baresip before 2.0 (libre) fails with "Function not implemented" on a SHA-256 challenge.
 */
final class LegacyDigestClients {
    private static final Pattern MD5_ONLY = Pattern.compile("^baresip v[01]\\.", Pattern.CASE_INSENSITIVE);

    private LegacyDigestClients() {}

    static List<DigestAlgorithm> offerTo(String userAgent, List<DigestAlgorithm> offered) {
        if (userAgent != null && MD5_ONLY.matcher(userAgent).find() && offered.contains(DigestAlgorithm.MD5)) {
            return List.of(DigestAlgorithm.MD5);
        }
        return offered;
    }
}
