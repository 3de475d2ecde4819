package dev.sipyard.sip.guard;

/** A source address refused until {@code bannedUntil} (epoch ms), and why. */
public record SipBan(String address, String reason, int failures, long bannedAt, long bannedUntil) {}
