package dev.sipyard.project;

import dev.sipyard.common.Encryption;
import dev.sipyard.common.Enums;
import dev.sipyard.common.Ids;
import dev.sipyard.common.Input;
import dev.sipyard.common.Media;
import dev.sipyard.common.NotFoundException;
import dev.sipyard.common.ValidationException;
import dev.sipyard.common.Violation;
import dev.sipyard.endpoint.CallHandler;
import dev.sipyard.resource.ResourceDirectory;
import dev.sipyard.store.Database;
import dev.sipyard.store.RowLocks;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Reads and changes a project's SIP profile. */
public final class SipProfileService {
    /** The policies a profile may set as its default: a subset of {@link CallHandler}. */
    public static final List<String> CALL_HANDLERS = Stream.of(CallHandler.PASSTHROUGH, CallHandler.BLOCK_PSTN,
            CallHandler.RESOURCE).map(CallHandler::wireName).toList();
    private static final Set<String> FIELDS = Set.of("domain", "realm", "domain_identifier", "default_codecs",
            "default_ciphers", "default_encryption", "default_send_as", "default_call_handler",
            "default_calling_handler_resource_id", "pstn_gateway_id");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final Jdbi jdbi;
    private final String sipDomain;
    private final ResourceDirectory resources;

    public SipProfileService(Jdbi jdbi, String sipDomain, ResourceDirectory resources) {
        this.jdbi = jdbi;
        this.sipDomain = sipDomain;
        this.resources = resources;
    }

    public SipProfile get(String projectId) {
        return jdbi.withHandle(h -> read(h, projectId));
    }

    /** The profile read in the caller's transaction. */
    public SipProfile read(Handle h, String projectId) {
        return h.createQuery("SELECT * FROM projects WHERE id = :p").bind("p", projectId)
                .map((rs, ctx) -> new SipProfile(rs.getString("id"), rs.getString("domain_identifier"),
                        rs.getString("domain_identifier") + "." + sipDomain, rs.getString("realm"),
                        Media.split(rs.getString("default_codecs")), Media.split(rs.getString("default_ciphers")),
                        rs.getString("default_encryption"), rs.getString("default_send_as"),
                        rs.getString("default_call_handler"), rs.getString("default_calling_handler_resource_id"),
                        rs.getString("pstn_gateway_id")))
                .findOne().orElseThrow(NotFoundException::new);
    }

    /** Applies the fields present in {@code body}; a field set to null goes back to its default where it has one. */
    public SipProfile update(String projectId, Map<String, Object> body) {
        return update(projectId, body, Map.of());
    }

    /**
     * As {@link #update(String, Map)}, where the profile as published also carries read-only
     * fields this service does not keep ({@code published}: name to the value as JSON decodes it).
     * Like domain and realm, each is accepted only unchanged, so a client may send back what it read.
     */
    public SipProfile update(String projectId, Map<String, Object> body, Map<String, Object> published) {
        try {
            return jdbi.inTransaction(h -> apply(h, projectId, body, published));
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                throw new ValidationException(new Violation(Violation.INVALID_VALUE, "domain_identifier",
                        "That domain_identifier is already in use on this server."));
            }
            throw e;
        }
    }

    private SipProfile apply(Handle h, String projectId, Map<String, Object> body, Map<String, Object> published) {
        // Lock the row first: the handler fields are written back whole, and must not resurrect a
        // reference that a concurrent update removed and a concurrent delete then relied on.
        h.createQuery("SELECT 1 FROM projects WHERE id = :p" + RowLocks.forNoKeyUpdate(h)).bind("p", projectId)
                .mapTo(Integer.class).findOne();
        SipProfile current = read(h, projectId);
        Set<String> allowed = new HashSet<>(FIELDS);
        allowed.addAll(published.keySet());
        Input in = new Input(body, allowed);
        readOnly(in, "domain", current.domain());
        readOnly(in, "realm", current.realm());
        published.forEach((field, value) -> {
            if (body.containsKey(field) && !Objects.equals(body.get(field), value)) {
                in.fail(Violation.INVALID, field, field + " is read-only.");
            }
        });
        Map<String, Object> changes = new LinkedHashMap<>();

        if (in.has("domain_identifier")) {
            String ident = in.string("domain_identifier");
            if (ident == null && !in.hasViolation("domain_identifier")) {
                in.fail(Violation.INVALID_VALUE, "domain_identifier", "domain_identifier cannot be null.");
            } else if (ident != null && !IDENTIFIER.matcher(ident).matches()) {
                in.fail(Violation.INVALID_VALUE, "domain_identifier",
                        "domain_identifier is 1..63 lower-case letters, digits and inner hyphens.");
            } else if (ident != null) {
                changes.put("domain_identifier", ident);
            }
        }
        mediaList(in, changes, "default_codecs", Media.CODEC_NAMES);
        mediaList(in, changes, "default_ciphers", Media.CIPHER_NAMES);
        if (in.has("default_encryption")) {
            String enc = Enums.one(in, "default_encryption", in.string("default_encryption"),
                    Encryption.PROFILE_MODES);
            if (in.isNull("default_encryption")) {
                enc = Encryption.OPTIONAL;
            }
            if (enc != null) {
                changes.put("default_encryption", enc);
            }
        }
        if (in.has("default_send_as")) {
            String sendAs = SendAs.check(h, projectId, in, "default_send_as", in.string("default_send_as"));
            if (!in.hasViolation("default_send_as")) {
                // The profile stores "random" as null: it is what an unset default means.
                changes.put("default_send_as", SendAs.RANDOM.equals(sendAs) ? null : sendAs);
            }
        }

        String handler = current.defaultCallHandler();
        if (in.has("default_call_handler")) {
            String h2 = in.isNull("default_call_handler") ? CallHandler.PASSTHROUGH.wireName()
                    : Enums.one(in, "default_call_handler", in.string("default_call_handler"), CALL_HANDLERS);
            if (h2 != null) {
                handler = h2;
                changes.put("default_call_handler", h2);
            }
        }
        String resourceId = current.defaultCallingHandlerResourceId();
        if (in.has("default_calling_handler_resource_id")) {
            resourceId = in.string("default_calling_handler_resource_id");
            if (resourceId != null && !CallHandler.RESOURCE.wireName().equals(handler)) {
                in.fail(Violation.INVALID, "default_calling_handler_resource_id",
                        "default_calling_handler_resource_id is only used when default_call_handler is resource.");
            }
        } else if (!CallHandler.RESOURCE.wireName().equals(handler)) {
            resourceId = null;
        }
        if (CallHandler.RESOURCE.wireName().equals(handler) && !in.hasViolation("default_call_handler")) {
            if (resourceId == null) {
                in.fail(Violation.MISSING, "default_calling_handler_resource_id",
                        "default_calling_handler_resource_id is required when default_call_handler is resource.");
            } else if (!isCallHandler(h, projectId, resourceId)) {
                in.fail(Violation.INVALID_RESOURCE, "default_calling_handler_resource_id",
                        "default_calling_handler_resource_id must be a resource of this project that can handle calls.");
            }
        }
        changes.put("default_calling_handler_resource_id", resourceId);

        if (in.has("pstn_gateway_id")) {
            String gateway = in.string("pstn_gateway_id");
            if (gateway != null && !isGateway(h, projectId, gateway)) {
                in.fail(Violation.INVALID_RESOURCE, "pstn_gateway_id",
                        "pstn_gateway_id must be a SIP gateway resource of this project.");
            }
            changes.put("pstn_gateway_id", gateway);
        }
        in.throwIfInvalid();

        if (!changes.isEmpty()) {
            StringBuilder sql = new StringBuilder("UPDATE projects SET updated_at = :now");
            changes.keySet().forEach(k -> sql.append(", ").append(k).append(" = :").append(k));
            var update = h.createUpdate(sql + " WHERE id = :p").bind("p", projectId)
                    .bind("now", System.currentTimeMillis());
            changes.forEach((k, v) -> update.bind(k, v instanceof List<?> l ? Media.join(castList(l)) : v));
            update.execute();
        }
        return read(h, projectId);
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(List<?> l) {
        return (List<String>) l;
    }

    private static void readOnly(Input in, String field, String value) {
        if (in.has(field) && !Objects.equals(in.string(field), value) && !in.hasViolation(field)) {
            in.fail(Violation.INVALID, field, field + " is read-only.");
        }
    }

    private static void mediaList(Input in, Map<String, Object> changes, String field, Map<String, String> allowed) {
        if (!in.has(field)) {
            return;
        }
        List<String> list = Enums.list(in, field, in.stringList(field), allowed);
        if (in.isNull(field) || (list != null && list.isEmpty())) {
            in.fail(Violation.INVALID_VALUE, field, field + " must list at least one value.");
        } else if (list != null) {
            changes.put(field, list);
        }
    }

    private boolean isCallHandler(Handle h, String projectId, String id) {
        return Ids.isId(id) && resources.holdCallHandler(h, projectId, id);
    }

    private boolean isGateway(Handle h, String projectId, String id) {
        return Ids.isId(id) && resources.holdKind(h, projectId, id, ResourceDirectory.Kind.SIP_GATEWAY);
    }
}
