package dev.sipyard.endpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What makes a SIP password acceptable, and the strong passwords the server generates. */
final class PasswordPolicy {
    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> WEAK = loadWeak();

    private PasswordPolicy() {}

    /** Why {@code password} is refused for {@code username}, or null when it is acceptable. */
    static String problem(String username, String password) {
        if (password.length() < MIN_LENGTH) {
            return "password must be at least " + MIN_LENGTH + " characters long.";
        }
        if (password.length() > MAX_LENGTH) {
            return "password must be at most " + MAX_LENGTH + " characters long.";
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            return "password must not contain control characters.";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return "password must not contain the username.";
        }
        if (WEAK.contains(lower) || password.chars().distinct().count() < 4) {
            return "password is a well-known weak password; choose another.";
        }
        return null;
    }

    /** 24 characters from a 57-letter alphabet without look-alikes: about 140 bits. */
    static String generate() {
        StringBuilder sb = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static Set<String> loadWeak() {
        var stream = PasswordPolicy.class.getResourceAsStream("weak-passwords.txt");
        if (stream == null) {
            throw new IllegalStateException("weak-passwords.txt is missing from the build");
        }
        try (var r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return r.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
