package dev.sipyard.endpoint;

import dev.sipyard.common.Enums;
import dev.sipyard.common.Ids;
import dev.sipyard.common.Input;
import dev.sipyard.common.Urls;
import dev.sipyard.common.Violation;
import dev.sipyard.resource.ResourceDirectory;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * The rules of {@code call_handler} and the fields only some handlers use, shared by SIP
 * endpoints and phone numbers: same checks, same messages, same codes. A field sent with a
 * handler that does not use it is refused; a required field missing is refused; a method
 * field left unset is POST.
 */
public final class HandlerFieldRules {
    static final List<String> FLOW_VERSIONS = List.of("working_copy", "current_deployed");

    private final ResourceDirectory resources;

    public HandlerFieldRules(ResourceDirectory resources) {
        this.resources = resources;
    }

    /**
     * The handler named by {@code given}, or empty after recording why not (an unknown name).
     * A null {@code given} is empty without a violation: the caller decides what null means.
     */
    public static <H> Optional<H> handler(Input in, String given, Function<String, Optional<H>> fromWire,
                                          List<String> wireNames) {
        if (given == null) {
            return Optional.empty();
        }
        Optional<H> parsed = fromWire.apply(given);
        if (parsed.isEmpty()) {
            in.fail(Violation.INVALID_VALUE, "call_handler", "'" + given + "' is not a valid call_handler; "
                    + "valid values: " + String.join(", ", wireNames) + ".");
        }
        return parsed;
    }

    /**
     * Applies the handler fields present in {@code in} to {@code values}, which holds the values
     * to keep (the current ones when the handler did not change, else none).
     *
     * @param all every handler field the caller knows (the ones it accepts in a body)
     * @param used the fields the chosen handler uses; the others must be absent or null
     * @param handlerName the chosen handler's wire name, for messages ("null" for none)
     * @param selfId the id of the row being changed (null on create): it cannot be its own handler
     */
    public <F extends HandlerFieldSpec> void apply(Handle h, String projectId, Input in, Collection<F> all,
                                                   Set<F> used, String handlerName, String selfId,
                                                   Map<F, String> values) {
        for (F field : all) {
            String name = field.wireName();
            if (!in.has(name)) {
                continue;
            }
            String value = in.string(name);
            if (!used.contains(field)) {
                if (value != null) {
                    in.fail(Violation.INVALID, name, name + " is not used when call_handler is " + handlerName + ".");
                }
                continue;
            }
            if (value == null) {
                values.remove(field);
            } else {
                String checked = check(h, projectId, in, field, value, selfId);
                if (checked != null) {
                    values.put(field, checked);
                }
            }
        }
        for (F field : all) {
            if (!used.contains(field)) {
                continue;
            }
            if (field.kind() == HandlerField.Kind.METHOD && !values.containsKey(field)) {
                values.put(field, "POST");
            }
            if (field.required() && !values.containsKey(field) && !in.hasViolation(field.wireName())) {
                in.fail(Violation.MISSING, field.wireName(), field.wireName() + " is required when call_handler is "
                        + handlerName + ".");
            }
        }
    }

    /** The value to store for {@code field}, or null after recording why it is refused. */
    private String check(Handle h, String projectId, Input in, HandlerFieldSpec field, String value, String selfId) {
        String name = field.wireName();
        switch (field.kind()) {
            case URL -> {
                Urls.checkHttpUrl(in, name, value);
                return in.hasViolation(name) ? null : value;
            }
            case METHOD -> {
                return Urls.method(in, name, value);
            }
            case TEXT -> {
                if (value.isBlank() || value.length() > 255 || value.chars().anyMatch(Character::isISOControl)) {
                    in.fail(Violation.INVALID_VALUE, name, name + " must be 1 to 255 printable characters.");
                    return null;
                }
                return value;
            }
            case UUID -> {
                String lower = value.toLowerCase(Locale.ROOT);
                if (!Ids.isId(lower)) {
                    in.fail(Violation.INVALID_VALUE, name, name + " must be a UUID.");
                    return null;
                }
                return lower;
            }
            case FLOW_VERSION -> {
                return Enums.one(in, name, value, FLOW_VERSIONS);
            }
            case CALL_HANDLER_RESOURCE -> {
                boolean self = value.equals(selfId);
                boolean ok = !self && Ids.isId(value) && resources.holdCallHandler(h, projectId, value);
                return resource(in, name, value, ok, name
                        + " must be the id of a resource of this project that can handle calls (not the endpoint itself).");
            }
            case CXML_APPLICATION -> {
                return resource(in, name, value, holds(h, projectId, value, ResourceDirectory.Kind.CXML_APPLICATION),
                        name + " must be the id of a cXML application of this project.");
            }
            case SIP_ENDPOINT -> {
                return resource(in, name, value, holds(h, projectId, value, ResourceDirectory.Kind.SIP_ENDPOINT),
                        name + " must be the id of a SIP endpoint of this project.");
            }
        }
        throw new IllegalStateException(field.kind().toString());
    }

    private boolean holds(Handle h, String projectId, String id, ResourceDirectory.Kind kind) {
        return Ids.isId(id) && resources.holdKind(h, projectId, id, kind);
    }

    /** A resource reference: kept when {@code ok}, else refused as invalid_resource_for_handler (another project's id too). */
    private static String resource(Input in, String name, String value, boolean ok, String message) {
        if (!ok) {
            in.fail(Violation.INVALID_RESOURCE, name, message);
            return null;
        }
        return value;
    }
}
