package dev.sipyard.resource;

/** One field of a resource type: its JSON name (also its column), how it is checked, and whether create needs it. */
record ResourceField(String name, Kind kind, boolean required) {

    /** How a field's value is read, checked and defaulted. */
    enum Kind {
        /** 1..255 printable characters. */
        NAME,
        /** An absolute http(s) URL, or null. */
        URL,
        /** GET or POST (any case), default POST. */
        METHOD,
        /** calling or messaging, default calling. */
        USED_FOR,
        /** A SIP URI or user@host[:port]. */
        SIP_URI,
        /** Codec names; null or empty = the SIP profile's defaults. */
        CODECS,
        /** SRTP cipher names; null or empty = the SIP profile's defaults. */
        CIPHERS,
        /** default, required or optional; default "default". */
        ENCRYPTION
    }

    static ResourceField required(String name, Kind kind) {
        return new ResourceField(name, kind, true);
    }

    static ResourceField optional(String name, Kind kind) {
        return new ResourceField(name, kind, false);
    }

    boolean isList() {
        return kind == Kind.CODECS || kind == Kind.CIPHERS;
    }
}
