package dev.sipyard.sip.auth;

import dev.sipyard.sip.digest.DigestAlgorithm;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Clients known to fail on a 401 that offers several algorithms, instead of picking the one they
 * can compute (RFC 8760 §2.4). They are offered MD5 alone:
 * <ul>
 *   <li>baresip before 2.0 (libre) gives up with "Function not implemented" if any challenge is SHA;</li>
 *   <li>JsSIP keeps only the last WWW-Authenticate header and aborts unless it is MD5.</li>
 * </ul>
 * (sipp reads only the first one, which is why the default order starts with MD5.)
 */
final class LegacyDigestClients {
    private static final Pattern MD5_ONLY = Pattern.compile("^(baresip v[01]\\.|JsSIP )", Pattern.CASE_INSENSITIVE);

    private LegacyDigestClients() {}

    static List<DigestAlgorithm> offerTo(String userAgent, List<DigestAlgorithm> offered) {
        if (userAgent != null && MD5_ONLY.matcher(userAgent).find() && offered.contains(DigestAlgorithm.MD5)) {
            return List.of(DigestAlgorithm.MD5);
        }
        return offered;
    }
}
