package dev.sipyard.testing;

/** The two databases every API test runs against. */
public enum Backend {
    SQLITE,
    POSTGRES
}
