package dev.sipyard.project;

/** What may be shown about an API token after its creation: never the token itself. */
public record TokenInfo(String id, String hint, long createdAt, Long revokedAt) {}
