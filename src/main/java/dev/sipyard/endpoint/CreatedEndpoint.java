package dev.sipyard.endpoint;

/** A new endpoint and, when the server generated it, its password (shown this once; otherwise null). */
public record CreatedEndpoint(SipEndpoint endpoint, String generatedPassword) {}
