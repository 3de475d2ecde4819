package dev.sipyard.endpoint;

import dev.sipyard.common.Media;
import dev.sipyard.common.PageRequest;
import dev.sipyard.store.RowLocks;
import dev.sipyard.store.NamedSql;
import dev.sipyard.store.StatementCache;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
    private static final NamedSql FIND_VIEW = NamedSql.of(FIND_WITH_DEFAULTS);
    /** Where each column of {@link #COLUMNS} is in a result (JDBC counts from 1); the profile's defaults follow them. */
    private static final List<String> COLUMN_ORDER = List.of(COLUMNS.split(", "));
    private static final int PROFILE_SEND_AS = COLUMN_ORDER.size() + 1;
    private static final int ID = column("id");
    private static final int PROJECT_ID = column("project_id");
    private static final int USERNAME = column("username");
    private static final int CALL_HANDLER = column("call_handler");
    private static final int CIPHERS = column("ciphers");
    private static final int CODECS = column("codecs");
    private static final int CALLER_ID = column("caller_id");
    private static final int SEND_AS = column("send_as");
    private static final int ENCRYPTION = column("encryption");
    private static final int CREDENTIAL_VERSION = column("credential_version");
    private static final int CREATED_AT = column("created_at");
    private static final int UPDATED_AT = column("updated_at");
    private static final int[] HANDLER_COLUMN = Arrays.stream(HandlerField.values())
            .mapToInt(f -> column(f.wireName())).toArray();

    /** One endpoint as users see it, with its profile's defaults applied: one statement, in plain JDBC. */
    Optional<SipEndpoint> findView(Connection c, StatementCache statements, String projectId, String id)
            throws SQLException {
        return statements.query(c, FIND_VIEW, ps -> {
            FIND_VIEW.bind(ps, "id", id);
            FIND_VIEW.bind(ps, "p", projectId);
        }, rs -> rs.next() ? Optional.of(defaults(rs).view(read(rs))) : Optional.<SipEndpoint>empty());
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
    List<SipEndpoint> pageView(Connection c, StatementCache statements, String projectId, PageRequest page,
                               String usernameFilter, String callerIdFilter) throws SQLException {
        StringBuilder text = new StringBuilder(WITH_DEFAULTS).append("(");
        pageQuery(text, page, usernameFilter, callerIdFilter);
        text.append(") e JOIN projects p ON p.id = e.project_id ORDER BY e.id").append(page.backward() ? " DESC" : "");
        NamedSql sql = NamedSql.of(text.toString());
        return statements.query(c, sql, ps -> {
            sql.bind(ps, "p", projectId);
            sql.bind(ps, "limit", page.limit());
            if (page.cursor() != null) {
                sql.bind(ps, "cursor", page.cursor());
            }
            if (usernameFilter != null) {
                sql.bind(ps, "user", contains(usernameFilter));
            }
            if (callerIdFilter != null) {
                sql.bind(ps, "caller", contains(callerIdFilter));
            }
        }, rs -> {
            List<SipEndpoint> rows = new ArrayList<>();
            ProfileDefaults defaults = null; // every row carries the same project's defaults
            while (rs.next()) {
                if (defaults == null) {
                    defaults = defaults(rs);
                }
                rows.add(defaults.view(read(rs)));
            }
            return rows;
        });
    }

    private static ProfileDefaults defaults(ResultSet rs) throws SQLException {
        return new ProfileDefaults(rs.getString(PROFILE_SEND_AS), Media.split(rs.getString(PROFILE_SEND_AS + 1)),
                Media.split(rs.getString(PROFILE_SEND_AS + 2)));
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

    /** An endpoint from a result whose first columns are {@link #COLUMNS}, in their order (read by position). */
    private static StoredEndpoint read(ResultSet rs) throws SQLException {
        CallHandler handler = CallHandler.fromWire(rs.getString(CALL_HANDLER)).orElseThrow();
        Map<HandlerField, String> fields = new EnumMap<>(HandlerField.class);
        for (HandlerField f : handler.fields()) {
            String v = rs.getString(HANDLER_COLUMN[f.ordinal()]);
            if (v != null) {
                fields.put(f, v);
            }
        }
        String ciphers = rs.getString(CIPHERS);
        String codecs = rs.getString(CODECS);
        return new StoredEndpoint(rs.getString(ID), rs.getString(PROJECT_ID), rs.getString(USERNAME),
                rs.getString(CALLER_ID), rs.getString(SEND_AS),
                ciphers == null ? null : Media.split(ciphers), codecs == null ? null : Media.split(codecs),
                rs.getString(ENCRYPTION), handler, fields, rs.getLong(CREDENTIAL_VERSION),
                rs.getLong(CREATED_AT), rs.getLong(UPDATED_AT));
    }

    private static int column(String name) {
        return COLUMN_ORDER.indexOf(name) + 1;
    }

    private static String contains(String s) {
        String escaped = s.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%")
                .replace("_", "!_");
        return "%" + escaped + "%";
    }
}
