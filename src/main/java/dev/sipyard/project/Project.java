package dev.sipyard.project;

/** A tenant: it owns endpoints, numbers, resources and API tokens. */
public record Project(String id, String name, String domainIdentifier, String realm, long createdAt) {}
