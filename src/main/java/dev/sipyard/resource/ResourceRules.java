package dev.sipyard.resource;

import dev.sipyard.common.Encryption;
import dev.sipyard.common.Enums;
import dev.sipyard.common.Ids;
import dev.sipyard.common.Input;
import dev.sipyard.common.Media;
import dev.sipyard.common.Urls;
import dev.sipyard.common.Violation;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The field rules of the resource types, applied to a create or a partial update (PUT and
 * PATCH alike). Every problem is recorded in the {@link Input}; the caller throws them at once.
 */
final class ResourceRules {
    static final List<String> USED_FOR = List.of("calling", "messaging");
    static final int MAX_NAME = 255;

    /** SignalWire's cXML application update request names the display name display_name and carries account_sid. */
    private static final String APP_DISPLAY_NAME = "display_name";
    private static final String APP_ACCOUNT_SID = "account_sid";

    private ResourceRules() {}

    /** The request fields a type accepts. */
    static Set<String> fieldNames(ResourceType type) {
        Set<String> names = new HashSet<>();
        type.fields().forEach(f -> names.add(f.name()));
        if (type == ResourceType.CXML_APPLICATION) {
            names.add(APP_DISPLAY_NAME);
            names.add(APP_ACCOUNT_SID);
        }
        if (type == ResourceType.SIP_GATEWAY) {
            names.addAll(GatewayCredentialRules.REQUEST_FIELDS);
        }
        return Set.copyOf(names);
    }

    /** Applies {@code in} to {@code current} (null on create) and returns the row to store. */
    static StoredResource apply(String projectId, ResourceType type, Input in, StoredResource current) {
        if (type == ResourceType.CXML_APPLICATION) {
            accountSid(projectId, in);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (ResourceField field : type.fields()) {
            String currentValue = current == null ? null : current.values().get(field.name());
            values.put(field.name(), value(type, field, in, current == null, currentValue));
        }
        if (type.isWebhook() && values.get("name") == null) {
            // A webhook created without a name is named after its URL, like in SignalWire's dashboard.
            values.put("name", values.get("primary_request_url"));
        }
        long now = System.currentTimeMillis();
        String name = values.get(type.displayField());
        return new StoredResource(current == null ? Ids.newId() : current.id(), projectId, type,
                name == null ? "" : name, current == null ? now : current.createdAt(), now, values);
    }

    private static String value(ResourceType type, ResourceField field, Input in, boolean create, String current) {
        String name = field.name();
        String given = name;
        if (type == ResourceType.CXML_APPLICATION && name.equals("friendly_name")) {
            given = friendlyNameField(in);
        }
        if (!in.has(given)) {
            if (create && field.required() && !in.hasViolation(name)) {
                in.fail(Violation.MISSING, name, name + " is required.");
            }
            return create ? defaultOf(field) : current;
        }
        if (field.isList()) {
            Map<String, String> allowed = field.kind() == ResourceField.Kind.CODECS ? Media.CODEC_NAMES
                    : Media.CIPHER_NAMES;
            List<String> list = Enums.list(in, name, in.stringList(given), allowed);
            if (in.hasViolation(name)) {
                return current;
            }
            return list == null || list.isEmpty() ? null : Media.join(list);
        }
        String value = in.string(given);
        if (in.hasViolation(given)) {
            return current;
        }
        if (value == null) {
            if (field.required()) {
                in.fail(Violation.INVALID_VALUE, name, name + " cannot be null.");
                return current;
            }
            return defaultOf(field);
        }
        return switch (field.kind()) {
            case NAME -> {
                if (value.isBlank() || value.length() > MAX_NAME || value.chars().anyMatch(Character::isISOControl)) {
                    in.fail(Violation.INVALID_VALUE, name, name + " must be 1 to " + MAX_NAME
                            + " printable characters.");
                    yield current;
                }
                yield value;
            }
            case URL -> {
                Urls.checkHttpUrl(in, name, value);
                yield in.hasViolation(name) ? current : value;
            }
            case METHOD -> Objects.requireNonNullElse(Urls.method(in, name, value), current == null ? "POST" : current);
            case USED_FOR -> Objects.requireNonNullElse(Enums.one(in, name, value, USED_FOR), orDefault(current, "calling"));
            case ENCRYPTION -> Objects.requireNonNullElse(Enums.one(in, name, value, Encryption.MODES),
                    orDefault(current, Encryption.DEFAULT));
            case SIP_URI -> {
                if (!SipUris.isValid(value)) {
                    in.fail(Violation.INVALID_VALUE, name, name + " must be a SIP URI (sip:user@host:port) "
                            + "or user@host[:port].");
                    yield current;
                }
                yield value;
            }
            case CODECS, CIPHERS -> throw new IllegalStateException("lists are read above");
        };
    }

    private static String orDefault(String current, String dflt) {
        return current == null ? dflt : current;
    }

    private static String defaultOf(ResourceField field) {
        return switch (field.kind()) {
            case METHOD -> "POST";
            case USED_FOR -> "calling";
            case ENCRYPTION -> Encryption.DEFAULT;
            default -> null;
        };
    }

    /** friendly_name, or its alias display_name; both at once must agree. */
    private static String friendlyNameField(Input in) {
        if (in.has("friendly_name") && in.has(APP_DISPLAY_NAME)
                && !Objects.equals(in.string("friendly_name"), in.string(APP_DISPLAY_NAME))) {
            in.fail(Violation.INVALID, APP_DISPLAY_NAME,
                    "display_name is another name for friendly_name; send one of them, or the same value in both.");
        }
        return in.has("friendly_name") || !in.has(APP_DISPLAY_NAME) ? "friendly_name" : APP_DISPLAY_NAME;
    }

    private static void accountSid(String projectId, Input in) {
        if (in.has(APP_ACCOUNT_SID) && !projectId.equals(in.string(APP_ACCOUNT_SID))
                && !in.hasViolation(APP_ACCOUNT_SID)) {
            in.fail(Violation.INVALID, APP_ACCOUNT_SID, "account_sid is the project's id and cannot be changed.");
        }
    }
}
