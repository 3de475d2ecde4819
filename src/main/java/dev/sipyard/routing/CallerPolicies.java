package dev.sipyard.routing;

import dev.sipyard.common.Media;

import dev.sipyard.endpoint.CallHandler;
import dev.sipyard.endpoint.SipDirectory;
import dev.sipyard.project.NumberField;
import dev.sipyard.project.PhoneNumber;
import dev.sipyard.store.Database;
import dev.sipyard.store.NamedSql;
import dev.sipyard.store.StatementCache;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads what the decision table needs about a calling endpoint from the database: its effective
 * handler ({@code default} resolved through the SIP profile), what that handler points at, the
 * project's PSTN gateway, and the From user and display name of its PSTN legs.
 */
public final class CallerPolicies {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Database database;
    private final Jdbi jdbi;
    private final StatementCache statements = new StatementCache();

    public CallerPolicies(Database database) {
        this.database = database;
        this.jdbi = database.jdbi();
    }

    /** The endpoint's and its project's columns a policy is made of (not {@code e.*}: no secrets, fewer values to map). */
    private static final List<String> POLICY_COLUMNS = List.of("call_handler", "calling_handler_resource_id",
            "call_request_url", "call_request_method", "call_fallback_url", "call_fallback_method",
            "call_status_callback_url", "call_status_callback_method", "call_laml_application_id",
            "call_relay_script_url", "send_as", "username", "caller_id", "default_call_handler",
            "default_calling_handler_resource_id", "pstn_gateway_id", "default_send_as");
    /** The caller's credential columns, then its policy's. */
    private static final String CALLER_QUERY = "SELECT " + String.join(", ", Stream.concat(
                    SipDirectory.CREDENTIAL_COLUMNS.stream().map(c -> "e." + c), POLICY_COLUMNS.stream()
                            .map(c -> (c.startsWith("default_") || c.equals("pstn_gateway_id") ? "p." : "e.") + c))
                    .toList())
            + " FROM sip_endpoints e JOIN projects p ON p.id = e.project_id"
            + " WHERE e.project_id = :p AND e.username_key = :u";
    private static final NamedSql CALLER = NamedSql.of(CALLER_QUERY);

    /**
     * A calling endpoint as one query reads it: the credential its digest is checked against, and
     * the columns its policy is made of, so that a call costs one read of its caller, not two.
     */
    public record CallingEndpoint(SipDirectory.Credential credential, Map<String, Object> policyColumns) {}

    /** The endpoint {@code username} of the project with its policy's columns, or empty when there is none. */
    public Optional<CallingEndpoint> caller(String projectId, String username) {
        return SipDirectory.usernameKey(username).flatMap(key -> database.read(c -> statements.query(c, CALLER,
                ps -> {
                    CALLER.bind(ps, "p", projectId);
                    CALLER.bind(ps, "u", key);
                }, rs -> {
                    if (!rs.next()) {
                        return Optional.<CallingEndpoint>empty();
                    }
                    Map<String, Object> values = new HashMap<>();
                    for (int i = 0; i < POLICY_COLUMNS.size(); i++) {
                        values.put(POLICY_COLUMNS.get(i),
                                rs.getString(SipDirectory.CREDENTIAL_COLUMNS.size() + i + 1));
                    }
                    return Optional.of(new CallingEndpoint(SipDirectory.credentialOf(rs), values));
                })));
    }

    /**
     * The policy of a caller as {@link #caller} read it. Its handler's target, the project's PSTN
     * gateway and a random send_as number are read now, each only when the policy has one.
     */
    public CallerPolicy policyOf(CallingEndpoint caller) {
        Map<String, Object> e = caller.policyColumns();
        String projectId = caller.credential().projectId();
        CallHandler handler = CallHandler.fromWire(text(e, "call_handler")).orElse(CallHandler.DEFAULT);
        String resourceId = text(e, "calling_handler_resource_id");
        if (handler == CallHandler.DEFAULT) {
            handler = CallHandler.fromWire(text(e, "default_call_handler")).orElse(CallHandler.PASSTHROUGH);
            resourceId = text(e, "default_calling_handler_resource_id");
        }
        String resource = resourceId;
        HandlerTarget target = switch (handler) {
            case RESOURCE -> resource == null ? null
                    : jdbi.withHandle(h -> resource(h, projectId, resource)).orElse(null);
            case LAML_WEBHOOKS -> new HandlerTarget.CxmlDocument(new DocumentSource(text(e, "call_request_url"),
                    text(e, "call_request_method"), text(e, "call_fallback_url"), text(e, "call_fallback_method"),
                    text(e, "call_status_callback_url"), text(e, "call_status_callback_method")));
            case LAML_APPLICATION -> jdbi.withHandle(h -> application(h, projectId,
                    text(e, "call_laml_application_id"))).orElse(null);
            case RELAY_SCRIPT -> new HandlerTarget.SwmlDocument(DocumentSource.of(text(e, "call_relay_script_url")));
            default -> null;
        };
        String gatewayId = text(e, "pstn_gateway_id");
        GatewayRef gateway = gatewayId == null ? null
                : jdbi.withHandle(h -> gateway(h, projectId, gatewayId)).orElse(null);
        String sendAs = text(e, "send_as") != null ? text(e, "send_as") : text(e, "default_send_as");
        // only a PSTN leg presents send_as: spare the numbers query on calls that cannot have one
        boolean mayRelay = gateway != null || target instanceof HandlerTarget.Gateway;
        String username = text(e, "username");
        String fromUser = mayRelay ? jdbi.withHandle(h -> sendAsUser(h, projectId, sendAs, username)) : username;
        return new CallerPolicy(handler, target, gateway, fromUser, text(e, "caller_id"));
    }

    /**
     * The media preferences of endpoint {@code endpointId} (null: a carrier call, the profile's
     * defaults), read when this server answers a call itself.
     */
    public MediaPreferences media(String projectId, String endpointId) {
        return jdbi.withHandle(h -> {
            Map<String, Object> p = h.createQuery("SELECT default_codecs, default_ciphers, default_encryption "
                    + "FROM projects WHERE id = :p").bind("p", projectId).mapToMap().findOne().orElse(Map.of());
            Map<String, Object> e = endpointId == null ? Map.of() : h.createQuery(
                            "SELECT codecs, ciphers, encryption FROM sip_endpoints WHERE id = :id AND project_id = :p")
                    .bind("id", endpointId).bind("p", projectId).mapToMap().findOne().orElse(Map.of());
            List<String> codecs = Media.split(text(e, "codecs"));
            List<String> ciphers = Media.split(text(e, "ciphers"));
            String encryption = text(e, "encryption");
            if (encryption == null || encryption.equals("default")) {
                encryption = text(p, "default_encryption");
            }
            return new MediaPreferences(codecs.isEmpty() ? Media.split(text(p, "default_codecs")) : codecs,
                    "required".equals(encryption) ? "required" : "optional",
                    ciphers.isEmpty() ? Media.split(text(p, "default_ciphers")) : ciphers);
        });
    }

    /** What a phone number's handler points at, or empty when it points at nothing usable. */
    public Optional<HandlerTarget> numberTarget(PhoneNumber number) {
        if (number.callHandler() == null) {
            return Optional.empty();
        }
        String project = number.projectId();
        return jdbi.withHandle(h -> switch (number.callHandler()) {
            case RELAY_SIP_ENDPOINT -> Optional.ofNullable(number.field(NumberField.CALL_SIP_ENDPOINT_ID))
                    .flatMap(id -> resource(h, project, id))
                    .filter(t -> t instanceof HandlerTarget.Endpoint);
            case LAML_WEBHOOKS -> Optional.<HandlerTarget>of(new HandlerTarget.CxmlDocument(new DocumentSource(
                    number.field(NumberField.CALL_REQUEST_URL), number.field(NumberField.CALL_REQUEST_METHOD),
                    number.field(NumberField.CALL_FALLBACK_URL), number.field(NumberField.CALL_FALLBACK_METHOD),
                    number.field(NumberField.CALL_STATUS_CALLBACK_URL),
                    number.field(NumberField.CALL_STATUS_CALLBACK_METHOD))));
            case LAML_APPLICATION -> application(h, project, number.field(NumberField.CALL_LAML_APPLICATION_ID));
            case RELAY_SCRIPT -> Optional.ofNullable(number.field(NumberField.CALL_RELAY_SCRIPT_URL))
                    .map(u -> (HandlerTarget) new HandlerTarget.SwmlDocument(DocumentSource.of(u)));
            default -> Optional.empty();
        });
    }

    /** A call-capable resource of the project as a handler target. */
    Optional<HandlerTarget> resource(Handle h, String projectId, String id) {
        Optional<String> endpoint = h.createQuery("SELECT username FROM sip_endpoints WHERE id = :id AND project_id = :p")
                .bind("id", id).bind("p", projectId).mapTo(String.class).findOne();
        if (endpoint.isPresent()) {
            return Optional.of(new HandlerTarget.Endpoint(id, endpoint.get()));
        }
        Optional<String> type = h.createQuery("SELECT type FROM resources WHERE id = :id AND project_id = :p")
                .bind("id", id).bind("p", projectId).mapTo(String.class).findOne();
        if (type.isEmpty()) {
            return Optional.empty();
        }
        return switch (type.get()) {
            case "cxml_webhook", "swml_webhook" -> {
                boolean cxml = type.get().equals("cxml_webhook");
                Map<String, Object> w = h.createQuery("SELECT * FROM " + (cxml ? "cxml_webhooks" : "swml_webhooks")
                        + " WHERE id = :id").bind("id", id).mapToMap().one();
                DocumentSource s = new DocumentSource(text(w, "primary_request_url"),
                        text(w, "primary_request_method"), text(w, "fallback_request_url"),
                        text(w, "fallback_request_method"), text(w, "status_callback_url"),
                        text(w, "status_callback_method"));
                yield Optional.of(cxml ? new HandlerTarget.CxmlDocument(s) : new HandlerTarget.SwmlDocument(s));
            }
            case "cxml_application" -> application(h, projectId, id);
            case "sip_gateway" -> gateway(h, projectId, id).map(HandlerTarget.Gateway::new);
            default -> Optional.empty();
        };
    }

    private Optional<HandlerTarget> application(Handle h, String projectId, String id) {
        if (id == null) {
            return Optional.empty();
        }
        return h.createQuery("SELECT a.* FROM cxml_applications a JOIN resources r ON r.id = a.id "
                        + "WHERE a.id = :id AND r.project_id = :p")
                .bind("id", id).bind("p", projectId).mapToMap().findOne()
                .map(a -> new HandlerTarget.CxmlDocument(new DocumentSource(text(a, "voice_url"),
                        text(a, "voice_method"), text(a, "voice_fallback_url"), text(a, "voice_fallback_method"),
                        text(a, "status_callback"), text(a, "status_callback_method"))));
    }

    /** A SIP gateway resource of the project. */
    public Optional<GatewayRef> gateway(Handle h, String projectId, String id) {
        return h.createQuery("SELECT g.uri FROM sip_gateways g JOIN resources r ON r.id = g.id "
                        + "WHERE g.id = :id AND r.project_id = :p")
                .bind("id", id).bind("p", projectId).mapTo(String.class).findOne()
                .map(uri -> new GatewayRef(id, uri));
    }

    /** The project's PSTN gateway, if it has one. */
    public Optional<GatewayRef> pstnGateway(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT pstn_gateway_id FROM projects WHERE id = :p")
                .bind("p", projectId).mapTo(String.class).findOne()
                .flatMap(id -> id == null ? Optional.empty() : gateway(h, projectId, id)));
    }

    /** send_as resolved: a number as is; random (or unset): one of the project's numbers; none: the username. */
    private static String sendAsUser(Handle h, String projectId, String sendAs, String username) {
        if (sendAs != null && !sendAs.equalsIgnoreCase("random")) {
            return sendAs;
        }
        List<String> numbers = h.createQuery("SELECT number FROM phone_numbers WHERE project_id = :p ORDER BY id "
                        + "LIMIT 1000").bind("p", projectId).mapTo(String.class).list();
        return numbers.isEmpty() ? username : numbers.get(RANDOM.nextInt(numbers.size()));
    }

    static String text(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : v.toString();
    }
}
