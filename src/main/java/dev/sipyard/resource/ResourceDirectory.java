package dev.sipyard.resource;

import dev.sipyard.common.Ids;
import dev.sipyard.common.ValidationException;
import dev.sipyard.common.Violation;
import dev.sipyard.store.RowLocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Answers "what is resource X of project P?" for the fields that point at resources
 * ({@code calling_handler_resource_id}, {@code call_laml_application_id}, the profile's
 * handler and PSTN gateway), and guards those references. An id of another project is
 * answered exactly like an unknown one, so ids of other projects cannot be probed.
 *
 * <p>References and deletes meet on the referenced row: code that stores a reference first
 * {@code hold}s the row (PostgreSQL: FOR KEY SHARE), and a delete first locks it exclusively
 * ({@link #lockUnused}) and only then looks for users. Whichever comes second waits for the
 * first to commit and then sees its outcome, so no reference to a deleted resource can be
 * committed. On SQLite every write transaction is serialised already.
 */
public final class ResourceDirectory {

    /** The kinds of resource a field may point at. */
    public enum Kind {
        SIP_ENDPOINT,
        CXML_WEBHOOK,
        SWML_WEBHOOK,
        CXML_APPLICATION,
        SIP_GATEWAY;

        static Kind of(ResourceType type) {
            return valueOf(type.name());
        }

        Optional<ResourceType> resourceType() {
            return this == SIP_ENDPOINT ? Optional.empty() : Optional.of(ResourceType.valueOf(name()));
        }
    }

    private static final int NAMED_USERS = 5;

    /** The kind of resource {@code id} is in {@code projectId}, looked up in the caller's transaction. */
    public Optional<Kind> kindOf(Handle h, String projectId, String id) {
        return find(h, projectId, id, "");
    }

    /**
     * True when {@code id} is a resource of the project that can handle calls (any resource
     * type, a webhook only when used for calling). The row stays locked against deletion until
     * the caller's transaction ends.
     */
    public boolean holdCallHandler(Handle h, String projectId, String id) {
        Optional<Kind> kind = find(h, projectId, id, RowLocks.forKeyShare(h));
        if (kind.isEmpty()) {
            return false;
        }
        return kind.get().resourceType().map(t -> !t.isWebhook() || usedForCalling(h, t, id)).orElse(true);
    }

    /** True when {@code id} is a resource of that kind in the project; locked against deletion as above. */
    public boolean holdKind(Handle h, String projectId, String id, Kind kind) {
        return find(h, projectId, id, RowLocks.forKeyShare(h)).filter(k -> k == kind).isPresent();
    }

    /**
     * Locks resource {@code id} exclusively for a delete (or a change that would stop it
     * handling calls) and refuses with 422 {@code resource_assigned_as_handler}, naming the
     * users, if any endpoint, phone number or the SIP profile uses it as a handler.
     *
     * @return the kind of the resource, or empty when the project has no such resource
     */
    public Optional<Kind> lockUnused(Handle h, String projectId, String id, String attribute) {
        Optional<Kind> kind = lock(h, projectId, id);
        kind.ifPresent(k -> refuseIfAssigned(h, projectId, id, attribute));
        return kind;
    }

    /** Locks resource {@code id} exclusively until the caller's transaction ends; empty if there is none. */
    Optional<Kind> lock(Handle h, String projectId, String id) {
        return find(h, projectId, id, RowLocks.forUpdate(h));
    }

    /** Refuses (422) when an endpoint or the SIP profile uses {@code id} as a handler. */
    void refuseIfAssigned(Handle h, String projectId, String id, String attribute) {
        List<String> users = handlerUsers(h, projectId, id);
        if (!users.isEmpty()) {
            throw new ValidationException(new Violation(Violation.ASSIGNED_AS_HANDLER, attribute,
                    "This resource is the call handler of " + String.join(", ", users)
                            + "; assign them another handler first."));
        }
    }

    /**
     * Who uses {@code id} as a handler, in words: endpoints by username, phone numbers by number
     * ({@code call_sip_endpoint_id}, {@code call_laml_application_id}), then the SIP profile's fields.
     */
    List<String> handlerUsers(Handle h, String projectId, String id) {
        List<String> users = new ArrayList<>();
        List<String> usernames = h.createQuery("SELECT username FROM sip_endpoints WHERE project_id = :p "
                        + "AND (calling_handler_resource_id = :id OR call_laml_application_id = :id) "
                        + "ORDER BY username_key LIMIT " + (NAMED_USERS + 1))
                .bind("p", projectId).bind("id", id).mapTo(String.class).list();
        if (!usernames.isEmpty()) {
            long total = usernames.size() <= NAMED_USERS ? usernames.size()
                    : h.createQuery("SELECT COUNT(*) FROM sip_endpoints WHERE project_id = :p "
                            + "AND (calling_handler_resource_id = :id OR call_laml_application_id = :id)")
                    .bind("p", projectId).bind("id", id).mapTo(Long.class).one();
            String named = String.join(", ", usernames.subList(0, Math.min(NAMED_USERS, usernames.size())));
            users.add((total == 1 ? "SIP endpoint " : "SIP endpoints ") + named
                    + (total > NAMED_USERS ? " and " + (total - NAMED_USERS) + " more" : ""));
        }
        List<String> numbers = h.createQuery("SELECT number FROM phone_numbers WHERE project_id = :p "
                        + "AND (call_sip_endpoint_id = :id OR call_laml_application_id = :id) "
                        + "ORDER BY number LIMIT " + (NAMED_USERS + 1))
                .bind("p", projectId).bind("id", id).mapTo(String.class).list();
        if (!numbers.isEmpty()) {
            String named = String.join(", ", numbers.subList(0, Math.min(NAMED_USERS, numbers.size())));
            users.add((numbers.size() == 1 ? "phone number " : "phone numbers ") + named
                    + (numbers.size() > NAMED_USERS ? " and more" : ""));
        }
        Map<String, Object> profile = h.createQuery("SELECT default_calling_handler_resource_id AS handler, "
                        + "pstn_gateway_id AS gateway FROM projects WHERE id = :p")
                .bind("p", projectId).mapToMap().findOne().orElse(Map.of());
        if (id.equals(profile.get("handler"))) {
            users.add("the SIP profile (default_calling_handler_resource_id)");
        }
        if (id.equals(profile.get("gateway"))) {
            users.add("the SIP profile (pstn_gateway_id)");
        }
        return users;
    }

    private Optional<Kind> find(Handle h, String projectId, String id, String lock) {
        if (!Ids.isId(id)) {
            return Optional.empty();
        }
        Optional<String> type = h.createQuery("SELECT type FROM resources WHERE id = :id AND project_id = :p" + lock)
                .bind("id", id).bind("p", projectId).mapTo(String.class).findOne();
        if (type.isPresent()) {
            return ResourceType.fromWire(type.get()).map(Kind::of);
        }
        boolean endpoint = h.createQuery("SELECT 1 FROM sip_endpoints WHERE id = :id AND project_id = :p" + lock)
                .bind("id", id).bind("p", projectId).mapTo(Integer.class).findOne().isPresent();
        return endpoint ? Optional.of(Kind.SIP_ENDPOINT) : Optional.empty();
    }

    private static boolean usedForCalling(Handle h, ResourceType type, String id) {
        return h.createQuery("SELECT used_for FROM " + type.collection() + " WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne().map("calling"::equals).orElse(false);
    }
}
