package dev.sipyard.media.sdp;

/** Names of the static audio payload types of RFC 3551, for messages about what a peer offered. */
final class StaticPayloadTypes {
    private StaticPayloadTypes() {}

    /** The encoding name, or null when the payload type is not a static audio one. */
    static String name(int pt) {
        return switch (pt) {
            case 0 -> "PCMU";
            case 3 -> "GSM";
            case 4 -> "G723";
            case 5 -> "DVI4";
            case 6 -> "DVI4";
            case 7 -> "LPC";
            case 8 -> "PCMA";
            case 9 -> "G722";
            case 10 -> "L16";
            case 11 -> "L16";
            case 12 -> "QCELP";
            case 13 -> "CN";
            case 14 -> "MPA";
            case 15 -> "G728";
            case 16 -> "DVI4";
            case 17 -> "DVI4";
            case 18 -> "G729";
            default -> null;
        };
    }
}
