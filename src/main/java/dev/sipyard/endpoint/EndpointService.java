package dev.sipyard.endpoint;

import dev.sipyard.common.Ids;
import dev.sipyard.common.Input;
import dev.sipyard.common.NotFoundException;
import dev.sipyard.common.Page;
import dev.sipyard.common.PageRequest;
import dev.sipyard.common.ValidationException;
import dev.sipyard.common.Violation;
import dev.sipyard.project.SipProfile;
import dev.sipyard.project.SipProfileService;
import dev.sipyard.resource.ResourceDirectory;
import dev.sipyard.store.Database;
import dev.sipyard.store.StatementCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Create, read, list, update and delete SIP endpoints of a project. */
public final class EndpointService {
    public static final Set<String> FIELDS = EndpointRules.FIELDS;
    private static final String ROW_SAVEPOINT = "endpoint_row";

    private final Jdbi jdbi;
    private final SipProfileService profiles;
    private final EndpointRules rules;
    private final ResourceDirectory resources;
    private final EndpointRepository repository = new EndpointRepository();
    private final Database database;
    private final StatementCache statements = new StatementCache();
    private final List<Consumer<String>> credentialListeners = new CopyOnWriteArrayList<>();

    public EndpointService(Database database, SipProfileService profiles, ResourceDirectory resources) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.profiles = profiles;
        this.rules = new EndpointRules(resources);
        this.resources = resources;
    }

    /**
     * Registers code to run, inside the same transaction's aftermath, whenever an endpoint's
     * credentials stop being valid (deleted, password or username changed): the registrar drops its bindings.
     */
    public void onCredentialsRevoked(Consumer<String> endpointIdListener) {
        credentialListeners.add(endpointIdListener);
    }

    public CreatedEndpoint create(String projectId, Map<String, Object> body) {
        Input in = new Input(body, FIELDS);
        try {
            return jdbi.inTransaction(h -> {
                SipProfile profile = profiles.read(h, projectId);
                EndpointRules.Outcome out = rules.apply(h, projectId, profile.realm(), in, null);
                in.throwIfInvalid();
                repository.insert(h, out.next(), out.ha1());
                return new CreatedEndpoint(view(out.next(), profile), out.generatedPassword());
            });
        } catch (RuntimeException e) {
            throw translate(e, in);
        }
    }

    /**
     * Creates one endpoint inside the caller's transaction {@code h}, by the rules of {@link #create};
     * a row that breaks one throws {@link dev.sipyard.common.ValidationException} and has written nothing.
     */
    CreatedEndpoint createIn(Handle h, String projectId, SipProfile profile, Map<String, Object> body) {
        Input in = new Input(body, FIELDS);
        h.savepoint(ROW_SAVEPOINT);
        try {
            EndpointRules.Outcome out = rules.apply(h, projectId, profile.realm(), in, null);
            in.throwIfInvalid();
            repository.insert(h, out.next(), out.ha1());
            h.releaseSavepoint(ROW_SAVEPOINT);
            return new CreatedEndpoint(view(out.next(), profile), out.generatedPassword());
        } catch (RuntimeException e) {
            h.rollbackToSavepoint(ROW_SAVEPOINT);
            throw translate(e, in);
        }
    }

    Jdbi jdbi() {
        return jdbi;
    }

    SipProfileService profiles() {
        return profiles;
    }

    public SipEndpoint get(String projectId, String id) {
        if (!Ids.isId(id)) {
            throw new NotFoundException();
        }
        return database.read(c -> repository.findView(c, statements, projectId, id))
                .orElseThrow(NotFoundException::new);
    }

    public Page<SipEndpoint> list(String projectId, PageRequest page, String usernameFilter, String callerIdFilter) {
        return Page.of(database.read(c -> repository.pageView(c, statements, projectId, page, usernameFilter,
                callerIdFilter)), page);
    }

    public SipEndpoint update(String projectId, String id, Map<String, Object> body) {
        if (!Ids.isId(id)) {
            throw new NotFoundException();
        }
        Input in = new Input(body, FIELDS);
        boolean[] revoked = new boolean[1];
        SipEndpoint result;
        try {
            result = jdbi.inTransaction(h -> {
                StoredEndpoint current = repository.findForUpdate(h, projectId, id).orElseThrow(NotFoundException::new);
                SipProfile profile = profiles.read(h, projectId);
                EndpointRules.Outcome out = rules.apply(h, projectId, profile.realm(), in, current);
                in.throwIfInvalid();
                repository.update(h, out.next(), out.ha1());
                revoked[0] = out.ha1() != null;
                return view(out.next(), profile);
            });
        } catch (RuntimeException e) {
            throw translate(e, in);
        }
        if (revoked[0]) {
            credentialListeners.forEach(l -> l.accept(id));
        }
        return result;
    }

    public void delete(String projectId, String id) {
        if (!Ids.isId(id)) {
            throw new NotFoundException();
        }
        boolean deleted = jdbi.inTransaction(h -> deleteIn(h, projectId, id));
        if (!deleted) {
            throw new NotFoundException();
        }
        credentialListeners.forEach(l -> l.accept(id));
    }

    /**
     * Deletes inside the caller's transaction; false if there was no such endpoint. An endpoint
     * that another endpoint or the SIP profile uses as its call handler is refused (422
     * {@code resource_assigned_as_handler}).
     */
    public boolean deleteIn(Handle h, String projectId, String id) {
        if (resources.lockUnused(h, projectId, id, "id").isEmpty()) {
            return false;
        }
        return repository.delete(h, projectId, id);
    }

    /** The endpoints of the project with these ids, in no particular order; unknown ids are left out. */
    public List<SipEndpoint> getAll(String projectId, List<String> ids) {
        List<String> valid = ids.stream().filter(Ids::isId).toList();
        if (valid.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> {
            SipProfile profile = profiles.read(h, projectId);
            return repository.findAll(h, projectId, valid).stream().map(e -> view(e, profile)).toList();
        });
    }

    /**
     * Makes resource {@code resourceId} the call handler of the endpoint named by the body's
     * {@code sip_endpoint_id} ({@code call_handler} becomes {@code resource}). An unknown
     * resource is a 404; an unknown endpoint, or a resource that cannot handle calls, a 422.
     */
    public SipEndpoint assignCallHandler(String projectId, String resourceId, Map<String, Object> body) {
        if (!Ids.isId(resourceId) || jdbi.withHandle(h -> resources.kindOf(h, projectId, resourceId)).isEmpty()) {
            throw new NotFoundException();
        }
        Input in = new Input(body, Set.of("sip_endpoint_id"));
        String endpointId = in.string("sip_endpoint_id");
        if (endpointId == null && !in.hasViolation("sip_endpoint_id")) {
            in.fail(Violation.MISSING, "sip_endpoint_id", "sip_endpoint_id is required.");
        } else if (endpointId != null && (!Ids.isId(endpointId)
                || jdbi.withHandle(h -> repository.find(h, projectId, endpointId)).isEmpty())) {
            in.fail(Violation.INVALID_VALUE, "sip_endpoint_id", "sip_endpoint_id must be the id of a SIP endpoint "
                    + "of this project.");
        }
        in.throwIfInvalid();
        Map<String, Object> change = new java.util.HashMap<>();
        change.put("call_handler", CallHandler.RESOURCE.wireName());
        change.put(HandlerField.CALLING_HANDLER_RESOURCE_ID.wireName(), resourceId);
        try {
            return update(projectId, endpointId, change);
        } catch (NotFoundException e) {
            throw new ValidationException(new Violation(Violation.INVALID_VALUE, "sip_endpoint_id",
                    "sip_endpoint_id must be the id of a SIP endpoint of this project."));
        }
    }

    private static SipEndpoint view(StoredEndpoint e, SipProfile profile) {
        return ProfileDefaults.of(profile).view(e);
    }

    private static RuntimeException translate(RuntimeException e, Input in) {
        if (Database.isUniqueViolation(e)) {
            List<Violation> all = new ArrayList<>(in.violations());
            all.add(new Violation(Violation.NOT_UNIQUE, "username", "username is already used in this project."));
            return new ValidationException(all);
        }
        return e;
    }
}
