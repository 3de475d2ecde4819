package dev.sipyard.routing;

import java.util.List;

/**
 * What a call's media may use when this server answers it: the endpoint's codecs, ciphers and
 * encryption, with the SIP profile's defaults filled in (carrier calls take the profile's).
 *
 * @param codecs     in order of preference
 * @param encryption {@code required} or {@code optional}
 * @param ciphers    SRTP suites in order of preference
 */
public record MediaPreferences(List<String> codecs, String encryption, List<String> ciphers) {
    public MediaPreferences {
        codecs = List.copyOf(codecs);
        ciphers = List.copyOf(ciphers);
    }
}
