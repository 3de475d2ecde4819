package dev.sipyard.resource;

import dev.sipyard.common.Input;
import dev.sipyard.common.Violation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The write-only credentials of a SIP gateway: {@code username} and {@code password} are set
 * together or cleared together (both null). The password is kept only encrypted; the
 * representation shows the username and {@code password_set}, never the password.
 */
final class GatewayCredentialRules {
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String PASSWORD_SET = "password_set";
    /** Columns of sip_gateways that are stored but are not plain fields. */
    static final String PASSWORD_COLUMN = "password_encrypted";
    static final Set<String> REQUEST_FIELDS = Set.of(USERNAME, PASSWORD, PASSWORD_SET);

    private GatewayCredentialRules() {}

    /** {@code next} with the credential columns set from {@code in} (or kept from {@code current}). */
    static StoredResource apply(Input in, Map<String, Object> body, StoredResource next, StoredResource current,
                                CredentialCipher cipher) {
        String storedUser = current == null ? null : current.values().get(USERNAME);
        String storedPassword = current == null ? null : current.values().get(PASSWORD_COLUMN);
        readOnlyPasswordSet(in, body, storedPassword != null);
        boolean userSent = in.has(USERNAME);
        boolean passwordSent = in.has(PASSWORD);
        String user = in.string(USERNAME);
        String password = in.string(PASSWORD);
        String nextUser = storedUser;
        String nextPassword = storedPassword;
        boolean unchangedUser = userSent && !passwordSent && user != null && user.equals(storedUser);
        if ((userSent || passwordSent) && !unchangedUser && !in.hasViolation(USERNAME) && !in.hasViolation(PASSWORD)) {
            if (user == null && password == null) {
                nextUser = null;
                nextPassword = null;
            } else if (user == null || password == null) {
                String missing = user == null ? USERNAME : PASSWORD;
                in.fail(Violation.MISSING, missing, "username and password are set together: send both, "
                        + "or both null to remove them.");
            } else {
                if (user.isEmpty() || user.length() > 64 || !user.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                    in.fail(Violation.INVALID_VALUE, USERNAME,
                            "username must be 1 to 64 printable ASCII characters without spaces.");
                }
                if (password.isEmpty() || password.length() > 128) {
                    in.fail(Violation.INVALID_VALUE, PASSWORD, "password must be 1 to 128 characters.");
                }
                nextUser = user;
                nextPassword = in.hasViolation(USERNAME) || in.hasViolation(PASSWORD) ? storedPassword
                        : cipher.encrypt(next.id(), password);
            }
        }
        Map<String, String> values = new LinkedHashMap<>(next.values());
        values.put(USERNAME, nextUser);
        values.put(PASSWORD_COLUMN, nextPassword);
        return new StoredResource(next.id(), next.projectId(), next.type(), next.displayName(), next.createdAt(),
                next.updatedAt(), values);
    }

    /** password_set may be sent back as read; any other value is refused. */
    private static void readOnlyPasswordSet(Input in, Map<String, Object> body, boolean set) {
        if (body.containsKey(PASSWORD_SET) && !Boolean.valueOf(set).equals(body.get(PASSWORD_SET))) {
            in.fail(Violation.INVALID, PASSWORD_SET, "password_set is read-only: it tells whether a password is "
                    + "stored; send username and password to change them.");
        }
    }
}
