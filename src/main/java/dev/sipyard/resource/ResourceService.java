package dev.sipyard.resource;

import dev.sipyard.common.Ids;
import dev.sipyard.common.Input;
import dev.sipyard.common.Media;
import dev.sipyard.common.NotFoundException;
import dev.sipyard.common.Page;
import dev.sipyard.common.PageRequest;
import dev.sipyard.common.ValidationException;
import dev.sipyard.common.Violation;
import dev.sipyard.store.ServerSecrets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Create, read, list, update and delete the call-handling resources of a project, and the generic view of all resources. */
public final class ResourceService {
    private final Jdbi jdbi;
    private final ResourceDirectory directory;
    private final ResourceRepository repository = new ResourceRepository();
    private final CredentialCipher credentials;

    public ResourceService(Jdbi jdbi, ResourceDirectory directory) {
        this.jdbi = jdbi;
        this.directory = directory;
        this.credentials = new CredentialCipher(() -> new ServerSecrets(jdbi).key("gateway_credentials"));
    }

    /** Creates a resource of {@code type} from a request body; every rule broken is listed in one 422. */
    public Resource create(String projectId, ResourceType type, Map<String, Object> body) {
        Input in = new Input(body, ResourceRules.fieldNames(type));
        StoredResource next = withCredentials(in, body, ResourceRules.apply(projectId, type, in, null), null);
        in.throwIfInvalid();
        return jdbi.inTransaction(h -> {
            repository.insert(h, next);
            return view(next, repository.mediaDefaults(h, projectId));
        });
    }

    /** The resource of that type and id in the project; 404 otherwise (another project's id included). */
    public Resource get(String projectId, ResourceType type, String id) {
        if (!Ids.isId(id)) {
            throw new NotFoundException();
        }
        return jdbi.withHandle(h -> view(repository.find(h, projectId, type, id).orElseThrow(NotFoundException::new),
                repository.mediaDefaults(h, projectId)));
    }

    /** One page of the project's resources of {@code type}, in id (creation) order. */
    public Page<Resource> list(String projectId, ResourceType type, PageRequest page) {
        return jdbi.withHandle(h -> {
            Map<String, String> defaults = repository.mediaDefaults(h, projectId);
            return Page.of(repository.page(h, projectId, type, page), page).map(r -> view(r, defaults));
        });
    }

    /**
     * Applies the fields present in {@code body} (PUT and PATCH alike). A webhook that some
     * endpoint or the SIP profile uses as its call handler cannot be switched to messaging.
     */
    public Resource update(String projectId, ResourceType type, String id, Map<String, Object> body) {
        if (!Ids.isId(id)) {
            throw new NotFoundException();
        }
        return jdbi.inTransaction(h -> {
            directory.lock(h, projectId, id);
            StoredResource current = repository.find(h, projectId, type, id).orElseThrow(NotFoundException::new);
            Input in = new Input(body, ResourceRules.fieldNames(type));
            StoredResource next = withCredentials(in, body, ResourceRules.apply(projectId, type, in, current), current);
            in.throwIfInvalid();
            if (type.isWebhook() && "calling".equals(current.values().get("used_for"))
                    && !"calling".equals(next.values().get("used_for"))) {
                directory.refuseIfAssigned(h, projectId, id, "used_for");
            }
            repository.update(h, next);
            return view(next, repository.mediaDefaults(h, projectId));
        });
    }

    /**
     * Deletes a resource of this package ({@code type} null = of any type), unless an endpoint
     * or the SIP profile uses it as a handler (422 {@code resource_assigned_as_handler}).
     */
    public void delete(String projectId, ResourceType type, String id) {
        if (!Ids.isId(id)) {
            throw new NotFoundException();
        }
        jdbi.useTransaction(h -> {
            Optional<ResourceDirectory.Kind> kind = directory.lock(h, projectId, id);
            boolean matches = kind.flatMap(ResourceDirectory.Kind::resourceType)
                    .filter(t -> type == null || t == type).isPresent();
            if (!matches) {
                throw new NotFoundException();
            }
            directory.refuseIfAssigned(h, projectId, id, "id");
            repository.delete(h, projectId, id);
        });
    }

    /**
     * The credentials to answer a carrier's challenge with when sipyard sends a call through
     * gateway {@code gatewayId} of the project (decrypted); empty when the gateway has none or
     * is not a gateway of the project.
     */
    public Optional<GatewayCredentials> gatewayCredentials(String projectId, String gatewayId) {
        if (!Ids.isId(gatewayId)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> repository.find(h, projectId, ResourceType.SIP_GATEWAY, gatewayId))
                .filter(g -> g.values().get(GatewayCredentialRules.PASSWORD_COLUMN) != null)
                .map(g -> new GatewayCredentials(g.values().get(GatewayCredentialRules.USERNAME),
                        credentials.decrypt(g.id(), g.values().get(GatewayCredentialRules.PASSWORD_COLUMN))));
    }

    private StoredResource withCredentials(Input in, Map<String, Object> body, StoredResource next,
                                           StoredResource current) {
        return next.type() == ResourceType.SIP_GATEWAY
                ? GatewayCredentialRules.apply(in, body, next, current, credentials) : next;
    }

    /** The envelope of any resource of the project, SIP endpoints included. */
    public ResourceSummary summary(String projectId, String id) {
        if (!Ids.isId(id)) {
            throw new NotFoundException();
        }
        return jdbi.withHandle(h -> {
            ResourceRepository.Envelope e = repository.envelope(h, projectId, id).orElseThrow(NotFoundException::new);
            return summaries(h, projectId, List.of(e)).get(0);
        });
    }

    /**
     * All resources of the project in id order, SIP endpoints included, optionally of one
     * type ({@code sip_endpoint}, {@code cxml_webhook}, ...); an unknown type is a 422.
     */
    public Page<ResourceSummary> catalog(String projectId, PageRequest page, String type) {
        if (type != null && !ResourceSummary.SIP_ENDPOINT.equals(type) && ResourceType.fromWire(type).isEmpty()) {
            List<String> valid = new ArrayList<>(List.of(ResourceSummary.SIP_ENDPOINT));
            for (ResourceType t : ResourceType.values()) {
                valid.add(t.wireName());
            }
            throw new ValidationException(new Violation(Violation.INVALID_VALUE, "type", "'" + type
                    + "' is not a resource type; valid types: " + String.join(", ", valid) + "."));
        }
        return jdbi.withHandle(h -> {
            List<ResourceRepository.Envelope> rows = repository.catalog(h, projectId, page, type);
            Page<ResourceRepository.Envelope> envelopes = Page.of(rows, page);
            return new Page<>(summaries(h, projectId, envelopes.items()), envelopes.hasNext(), envelopes.hasPrev());
        });
    }

    private List<ResourceSummary> summaries(Handle h, String projectId, List<ResourceRepository.Envelope> rows) {
        Map<ResourceType, List<String>> idsByType = new EnumMap<>(ResourceType.class);
        for (ResourceRepository.Envelope e : rows) {
            ResourceType.fromWire(e.type()).ifPresent(t -> idsByType.computeIfAbsent(t, k -> new ArrayList<>()).add(e.id()));
        }
        Map<String, Resource> bodies = new HashMap<>();
        if (!idsByType.isEmpty()) {
            Map<String, String> defaults = repository.mediaDefaults(h, projectId);
            idsByType.forEach((t, ids) -> repository.findAll(h, projectId, t, ids)
                    .forEach(r -> bodies.put(r.id(), view(r, defaults))));
        }
        // A resource deleted between the two reads is left out rather than shown without its fields.
        return rows.stream().filter(e -> ResourceSummary.SIP_ENDPOINT.equals(e.type()) || bodies.containsKey(e.id()))
                .map(e -> new ResourceSummary(e.id(), e.projectId(), e.type(), e.displayName(),
                e.createdAt(), e.updatedAt(), bodies.get(e.id()))).collect(Collectors.toList());
    }

    private static Resource view(StoredResource r, Map<String, String> mediaDefaults) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (ResourceField f : r.type().fields()) {
            String v = r.values().get(f.name());
            if (f.isList()) {
                String effective = v != null ? v : mediaDefaults.get(f.kind() == ResourceField.Kind.CODECS ? "codecs" : "ciphers");
                attributes.put(f.name(), Media.split(effective));
            } else {
                attributes.put(f.name(), v);
            }
        }
        if (r.type() == ResourceType.SIP_GATEWAY) {
            attributes.put(GatewayCredentialRules.USERNAME, r.values().get(GatewayCredentialRules.USERNAME));
            attributes.put(GatewayCredentialRules.PASSWORD_SET,
                    r.values().get(GatewayCredentialRules.PASSWORD_COLUMN) != null);
        }
        return new Resource(r.id(), r.projectId(), r.type(), r.displayName(), r.createdAt(), r.updatedAt(),
                Collections.unmodifiableMap(attributes));
    }
}
