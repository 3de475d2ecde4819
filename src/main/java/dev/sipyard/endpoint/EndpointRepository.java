package dev.sipyard.endpoint;

import dev.sipyard.common.Media;
import dev.sipyard.common.PageRequest;
import dev.sipyard.store.RowLocks;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/** SQL for the sip_endpoints table. Handler fields map one-to-one to columns of the same name. */
final class EndpointRepository {
    private static final String HANDLER_COLUMNS =
            Arrays.stream(HandlerField.values()).map(HandlerField::wireName).collect(Collectors.joining(", "));
    private static final String COLUMNS = "id, project_id, username, username_key, caller_id, send_as, ciphers, "
            + "codecs, encryption, call_handler, credential_version, created_at, updated_at, " + HANDLER_COLUMNS;
    private static final String INSERT = "INSERT INTO sip_endpoints (" + COLUMNS
            + ", ha1_md5, ha1_sha256, ha1_sha512_256) VALUES (" + Arrays.stream(COLUMNS.split(", "))
            .map(c -> ":" + c).collect(Collectors.joining(", ")) + ", :ha1_md5, :ha1_sha256, :ha1_sha512_256)";
    private static final String UPDATE = "UPDATE sip_endpoints SET " + Arrays.stream(COLUMNS.split(", "))
            .filter(c -> !c.equals("id") && !c.equals("project_id") && !c.equals("created_at"))
            .map(c -> c + " = :" + c).collect(Collectors.joining(", "))
            + " WHERE id = :id AND project_id = :project_id";

    /** The endpoint columns qualified by alias {@code e}, then the project's defaults, from both tables joined. */
    private static final String WITH_DEFAULTS = "SELECT " + Arrays.stream(COLUMNS.split(", "))
            .map(c -> "e." + c).collect(Collectors.joining(", "))
            + ", p.default_send_as AS profile_send_as, p.default_ciphers AS profile_ciphers, "
            + "p.default_codecs AS profile_codecs FROM ";
    private static final String FIND_WITH_DEFAULTS = WITH_DEFAULTS
            + "sip_endpoints e JOIN projects p ON p.id = e.project_id WHERE e.id = :id AND e.project_id = :p";

    /** One endpoint as users see it, with its profile's defaults applied: one statement. */
    Optional<SipEndpoint> findView(Handle h, String projectId, String id) {
        return h.createQuery(FIND_WITH_DEFAULTS).bind("id", id).bind("p", projectId)
                .map((rs, ctx) -> defaults(rs).view(read(rs))).findOne();
    }

    Optional<StoredEndpoint> find(Handle h, String projectId, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM sip_endpoints WHERE id = :id AND project_id = :p")
                .bind("id", id).bind("p", projectId).map((rs, ctx) -> read(rs)).findOne();
    }

    /** As {@link #find}, locking the row until the transaction ends (an update rewrites every column). */
    Optional<StoredEndpoint> findForUpdate(Handle h, String projectId, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM sip_endpoints WHERE id = :id AND project_id = :p"
                        + RowLocks.forNoKeyUpdate(h))
                .bind("id", id).bind("p", projectId).map((rs, ctx) -> read(rs)).findOne();
    }

    List<StoredEndpoint> findAll(Handle h, String projectId, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT " + COLUMNS + " FROM sip_endpoints WHERE project_id = :p AND id IN (<ids>)")
                .bind("p", projectId).bindList("ids", ids).map((rs, ctx) -> read(rs)).list();
    }

    /**
     * One page of endpoints as users see them, with the profile's defaults joined in: one statement.
     * The page is chosen in a subquery over sip_endpoints alone, where the page condition's {@code id} is unambiguous.
     */
    List<SipEndpoint> pageView(Handle h, String projectId, PageRequest page, String usernameFilter,
                               String callerIdFilter) {
        StringBuilder sql = new StringBuilder(WITH_DEFAULTS).append("(");
        pageQuery(sql, page, usernameFilter, callerIdFilter);
        sql.append(") e JOIN projects p ON p.id = e.project_id ORDER BY e.id").append(page.backward() ? " DESC" : "");
        var q = h.createQuery(sql.toString());
        bindPage(q, projectId, page, usernameFilter, callerIdFilter);
        ProfileDefaults[] first = new ProfileDefaults[1]; // every row carries the same project's defaults
        return q.map((rs, ctx) -> {
            if (first[0] == null) {
                first[0] = defaults(rs);
            }
            return first[0].view(read(rs));
        }).list();
    }

    private static ProfileDefaults defaults(ResultSet rs) throws SQLException {
        return new ProfileDefaults(rs.getString("profile_send_as"), Media.split(rs.getString("profile_ciphers")),
                Media.split(rs.getString("profile_codecs")));
    }

    private static void pageQuery(StringBuilder sql, PageRequest page, String usernameFilter, String callerIdFilter) {
        sql.append("SELECT " + COLUMNS + " FROM sip_endpoints WHERE project_id = :p");
        sql.append(page.condition());
        if (usernameFilter != null) {
            sql.append(" AND username_key LIKE :user ESCAPE '!'");
        }
        if (callerIdFilter != null) {
            sql.append(" AND LOWER(caller_id) LIKE :caller ESCAPE '!'");
        }
        sql.append(page.orderAndLimit());
    }

    private static void bindPage(SqlStatement<?> q, String projectId, PageRequest page, String usernameFilter,
                                 String callerIdFilter) {
        q.bind("p", projectId).bind("limit", page.limit());
        if (page.cursor() != null) {
            q.bind("cursor", page.cursor());
        }
        if (usernameFilter != null) {
            q.bind("user", contains(usernameFilter));
        }
        if (callerIdFilter != null) {
            q.bind("caller", contains(callerIdFilter));
        }
    }

    void insert(Handle h, StoredEndpoint e, DigestHa1 ha1) {
        var u = h.createUpdate(INSERT);
        bind(u, e);
        u.bind("ha1_md5", ha1.md5()).bind("ha1_sha256", ha1.sha256()).bind("ha1_sha512_256", ha1.sha512256());
        u.execute();
    }

    void update(Handle h, StoredEndpoint e, DigestHa1 ha1) {
        var u = h.createUpdate(UPDATE);
        bind(u, e);
        u.execute();
        if (ha1 != null) {
            h.createUpdate("UPDATE sip_endpoints SET ha1_md5 = :md5, ha1_sha256 = :sha256, "
                            + "ha1_sha512_256 = :sha512 WHERE id = :id")
                    .bind("md5", ha1.md5()).bind("sha256", ha1.sha256()).bind("sha512", ha1.sha512256())
                    .bind("id", e.id()).execute();
        }
    }

    boolean delete(Handle h, String projectId, String id) {
        return h.createUpdate("DELETE FROM sip_endpoints WHERE id = :id AND project_id = :p")
                .bind("id", id).bind("p", projectId).execute() > 0;
    }

    private static void bind(SqlStatement<?> s, StoredEndpoint e) {
        s.bind("id", e.id()).bind("project_id", e.projectId()).bind("username", e.username())
                .bind("username_key", e.username().toLowerCase(java.util.Locale.ROOT))
                .bind("caller_id", e.callerId()).bind("send_as", e.sendAs())
                .bind("ciphers", Media.join(e.ciphers())).bind("codecs", Media.join(e.codecs()))
                .bind("encryption", e.encryption()).bind("call_handler", e.callHandler().wireName())
                .bind("credential_version", e.credentialVersion())
                .bind("created_at", e.createdAt()).bind("updated_at", e.updatedAt());
        for (HandlerField f : HandlerField.values()) {
            s.bind(f.wireName(), e.handlerFields().get(f));
        }
    }

    private static StoredEndpoint read(ResultSet rs) throws SQLException {
        CallHandler handler = CallHandler.fromWire(rs.getString("call_handler")).orElseThrow();
        Map<HandlerField, String> fields = new EnumMap<>(HandlerField.class);
        for (HandlerField f : handler.fields()) {
            String v = rs.getString(f.wireName());
            if (v != null) {
                fields.put(f, v);
            }
        }
        String ciphers = rs.getString("ciphers");
        String codecs = rs.getString("codecs");
        return new StoredEndpoint(rs.getString("id"), rs.getString("project_id"), rs.getString("username"),
                rs.getString("caller_id"), rs.getString("send_as"),
                ciphers == null ? null : Media.split(ciphers), codecs == null ? null : Media.split(codecs),
                rs.getString("encryption"), handler, fields, rs.getLong("credential_version"),
                rs.getLong("created_at"), rs.getLong("updated_at"));
    }

    private static String contains(String s) {
        String escaped = s.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%")
                .replace("_", "!_");
        return "%" + escaped + "%";
    }
}
