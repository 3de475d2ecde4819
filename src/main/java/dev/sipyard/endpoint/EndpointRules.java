package dev.sipyard.endpoint;

import dev.sipyard.common.Encryption;
import dev.sipyard.common.Enums;
import dev.sipyard.common.Ids;
import dev.sipyard.common.Input;
import dev.sipyard.common.Media;
import dev.sipyard.common.PhoneNumbers;
import dev.sipyard.common.Violation;
import dev.sipyard.project.SendAs;
import dev.sipyard.resource.ResourceDirectory;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * The field rules of a SIP endpoint (API.md, "Fields"), applied to a create or a partial update.
 * Every problem is recorded; the caller throws them all at once.
 */
final class EndpointRules {
    static final Set<String> FIELDS = allFields();

    // RFC 3261 user part: unreserved and user-unreserved characters, or %HH escapes.
    private static final Pattern USERNAME = Pattern.compile("([A-Za-z0-9\\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2}){1,64}");
    private static final Pattern CALLER_ID_URI = Pattern.compile("sips?:[^\\s<>\"]{1,250}");

    private final HandlerFieldRules handlerRules;

    EndpointRules(ResourceDirectory resources) {
        this.handlerRules = new HandlerFieldRules(resources);
    }

    /** The outcome: the row to store, and new digest values when the password (or username) changed. */
    record Outcome(StoredEndpoint next, DigestHa1 ha1, String generatedPassword) {}

    /**
     * Applies {@code in} to {@code current} (null on create). {@code realm} is the project's digest realm.
     * Reads other rows (numbers, resources) through {@code h}, inside the caller's transaction.
     */
    Outcome apply(Handle h, String projectId, String realm, Input in, StoredEndpoint current) {
        boolean create = current == null;

        String username = current == null ? null : current.username();
        if (in.has("username") || create) {
            String given = in.string("username");
            if (given == null && !in.hasViolation("username")) {
                in.fail(Violation.MISSING, "username", "username is required.");
            } else if (given != null && !USERNAME.matcher(given).matches()) {
                in.fail(Violation.INVALID_VALUE, "username", "username must be 1 to 64 SIP user characters: "
                        + "letters, digits and - _ . ! ~ * ' ( ) & = + $ , ; ? / (no spaces, @ or control characters).");
            } else if (given != null) {
                username = given;
            }
        }
        boolean usernameChanged = !create && username != null && !username.equals(current.username());

        String password = in.string("password");
        String generated = null;
        if (password != null) {
            String problem = PasswordPolicy.problem(username, password);
            if (problem != null) {
                in.fail(Violation.INVALID_VALUE, "password", problem);
            }
        } else if (create && !in.hasViolation("password")) {
            generated = PasswordPolicy.generate();
            password = generated;
        } else if (in.has("password") && !in.hasViolation("password")) {
            in.fail(Violation.INVALID_VALUE, "password", "password cannot be null.");
        }
        if (usernameChanged && password == null && !in.hasViolation("password")) {
            in.fail(Violation.MISSING, "password", "Changing the username requires the password too: "
                    + "stored digests are bound to the username.");
        }

        String callerId = current == null ? null : current.callerId();
        if (in.has("caller_id")) {
            callerId = in.string("caller_id");
            if (callerId != null && !validCallerId(callerId)) {
                in.fail(Violation.INVALID_VALUE, "caller_id",
                        "caller_id must be up to 64 printable characters, an E.164 number, or a SIP URI.");
            }
        }

        String sendAs = current == null ? null : current.sendAs();
        if (in.has("send_as")) {
            sendAs = SendAs.check(h, projectId, in, "send_as", in.string("send_as"));
        }

        List<String> ciphers = current == null ? null : current.ciphers();
        if (in.has("ciphers")) {
            ciphers = emptyToNull(Enums.list(in, "ciphers", in.stringList("ciphers"), Media.CIPHER_NAMES));
        }
        List<String> codecs = current == null ? null : current.codecs();
        if (in.has("codecs")) {
            codecs = emptyToNull(Enums.list(in, "codecs", in.stringList("codecs"), Media.CODEC_NAMES));
        }

        String encryption = current == null ? Encryption.DEFAULT : current.encryption();
        if (in.has("encryption")) {
            String e = in.isNull("encryption") ? Encryption.DEFAULT
                    : Enums.one(in, "encryption", in.string("encryption"), Encryption.MODES);
            if (e != null) {
                encryption = e;
            }
        }

        CallHandler handler = current == null ? CallHandler.DEFAULT : current.callHandler();
        if (in.has("call_handler")) {
            String given = in.string("call_handler");
            if (given == null && !in.hasViolation("call_handler")) {
                handler = CallHandler.DEFAULT;
            } else {
                handler = HandlerFieldRules.handler(in, given, CallHandler::fromWire, CallHandler.wireNames())
                        .orElse(handler);
            }
        }
        Map<HandlerField, String> handlerFields = handlerFields(h, projectId, in, current, handler);

        String id = current == null ? Ids.newId() : current.id();
        long now = System.currentTimeMillis();
        boolean credentialsChange = password != null;
        StoredEndpoint next = new StoredEndpoint(id, projectId, username, callerId, sendAs, ciphers, codecs,
                encryption, handler, handlerFields,
                current == null ? 1 : current.credentialVersion() + (credentialsChange ? 1 : 0),
                current == null ? now : current.createdAt(), now);
        DigestHa1 ha1 = credentialsChange && username != null ? DigestHa1.of(username, realm, password) : null;
        return new Outcome(next, ha1, generated);
    }

    private Map<HandlerField, String> handlerFields(Handle h, String projectId, Input in, StoredEndpoint current,
                                                    CallHandler handler) {
        Map<HandlerField, String> values = new EnumMap<>(HandlerField.class);
        if (current != null && current.callHandler() == handler) {
            values.putAll(current.handlerFields());
        }
        handlerRules.apply(h, projectId, in, List.of(HandlerField.values()), handler.fields(), handler.wireName(),
                current == null ? null : current.id(), values);
        return values;
    }

    private static boolean validCallerId(String s) {
        if (s.isEmpty() || s.chars().anyMatch(Character::isISOControl)) {
            return false;
        }
        return s.length() <= 64 || PhoneNumbers.isE164(s) || CALLER_ID_URI.matcher(s).matches();
    }

    private static List<String> emptyToNull(List<String> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    private static Set<String> allFields() {
        Set<String> s = new HashSet<>(List.of("username", "password", "caller_id", "send_as", "ciphers", "codecs",
                "encryption", "call_handler"));
        Arrays.stream(HandlerField.values()).map(HandlerField::wireName).forEach(s::add);
        return Set.copyOf(s);
    }
}
