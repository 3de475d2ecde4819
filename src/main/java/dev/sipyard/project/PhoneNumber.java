package dev.sipyard.project;

/** A number the project owns: the only values besides {@code random} that {@code send_as} may take. */
public record PhoneNumber(String id, String number, String name, long createdAt, long updatedAt) {}
