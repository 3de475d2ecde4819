package dev.sipyard.common;

import java.util.List;

/**
 * Media encryption modes, one definition for endpoints, gateways and the SIP profile. An
 * endpoint or gateway may say {@code default} (= the profile's); the profile itself must pick.
 */
public final class Encryption {
    public static final String DEFAULT = "default";
    public static final String REQUIRED = "required";
    public static final String OPTIONAL = "optional";

    /** What an endpoint or a gateway may set. */
    public static final List<String> MODES = List.of(DEFAULT, REQUIRED, OPTIONAL);
    /** What the SIP profile may set: a concrete mode. */
    public static final List<String> PROFILE_MODES = List.of(REQUIRED, OPTIONAL);

    private Encryption() {}
}
