package dev.sipyard.routing;

/** One party a {@link Step.Dial} rings. */
public sealed interface DialTarget {
    /** A SIP URI as written in the document ({@code sip:user@<project domain>} included; the engine resolves). */
    record Sip(String uri) implements DialTarget {}

    /** A telephone number: {@code +} and digits or digits, separators removed. */
    record Number(String e164OrDigits) implements DialTarget {}

    /** An endpoint of the caller's project named by its bare username. */
    record Endpoint(String username) implements DialTarget {}
}
