package dev.sipyard.resource;

import dev.sipyard.common.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** SQL for the resources table and the per-type tables (named after the collection, one column per field). */
final class ResourceRepository {
    private static final String ENVELOPE = "id, project_id, type, display_name, created_at, updated_at";

    Optional<StoredResource> find(Handle h, String projectId, ResourceType type, String id) {
        return h.createQuery(select(type) + " WHERE project_id = :p AND id = :id")
                .bind("p", projectId).bind("id", id).map((rs, ctx) -> read(rs, type)).findOne();
    }

    List<StoredResource> findAll(Handle h, String projectId, ResourceType type, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return h.createQuery(select(type) + " WHERE project_id = :p AND id IN (<ids>)")
                .bind("p", projectId).bindList("ids", List.copyOf(ids)).map((rs, ctx) -> read(rs, type)).list();
    }

    List<StoredResource> page(Handle h, String projectId, ResourceType type, PageRequest page) {
        var q = h.createQuery(select(type) + " WHERE project_id = :p" + page.condition() + page.orderAndLimit())
                .bind("p", projectId).bind("limit", page.limit());
        if (page.cursor() != null) {
            q.bind("cursor", page.cursor());
        }
        return q.map((rs, ctx) -> read(rs, type)).list();
    }

    /** Envelope rows of every resource of the project, SIP endpoints included, in id order. */
    List<Envelope> catalog(Handle h, String projectId, PageRequest page, String typeFilter) {
        String sql = "SELECT " + ENVELOPE + " FROM ("
                + "SELECT id, project_id, '" + ResourceSummary.SIP_ENDPOINT + "' AS type, username AS display_name, "
                + "created_at, updated_at FROM sip_endpoints WHERE project_id = :p"
                + " UNION ALL SELECT " + ENVELOPE + " FROM resources WHERE project_id = :p"
                + ") all_resources WHERE 1 = 1" + (typeFilter == null ? "" : " AND type = :type")
                + page.condition() + page.orderAndLimit();
        var q = h.createQuery(sql).bind("p", projectId).bind("limit", page.limit());
        if (typeFilter != null) {
            q.bind("type", typeFilter);
        }
        if (page.cursor() != null) {
            q.bind("cursor", page.cursor());
        }
        return q.map((rs, ctx) -> envelope(rs)).list();
    }

    Optional<Envelope> envelope(Handle h, String projectId, String id) {
        return h.createQuery("SELECT " + ENVELOPE + " FROM resources WHERE project_id = :p AND id = :id"
                        + " UNION ALL SELECT id, project_id, '" + ResourceSummary.SIP_ENDPOINT + "', username, "
                        + "created_at, updated_at FROM sip_endpoints WHERE project_id = :p AND id = :id")
                .bind("p", projectId).bind("id", id).map((rs, ctx) -> envelope(rs)).findFirst();
    }

    void insert(Handle h, StoredResource r) {
        h.createUpdate("INSERT INTO resources (" + ENVELOPE + ") VALUES (:id, :project_id, :type, :display_name, "
                        + ":created_at, :updated_at)")
                .bind("id", r.id()).bind("project_id", r.projectId()).bind("type", r.type().wireName())
                .bind("display_name", r.displayName()).bind("created_at", r.createdAt())
                .bind("updated_at", r.updatedAt()).execute();
        String columns = columns(r.type());
        var u = h.createUpdate("INSERT INTO " + r.type().collection() + " (id, " + columns + ") VALUES (:id, "
                + r.type().columns().stream().map(c -> ":" + c).collect(Collectors.joining(", ")) + ")");
        u.bind("id", r.id());
        r.values().forEach(u::bind);
        u.execute();
    }

    void update(Handle h, StoredResource r) {
        h.createUpdate("UPDATE resources SET display_name = :display_name, updated_at = :updated_at WHERE id = :id")
                .bind("display_name", r.displayName()).bind("updated_at", r.updatedAt()).bind("id", r.id()).execute();
        var u = h.createUpdate("UPDATE " + r.type().collection() + " SET "
                + r.type().columns().stream().map(c -> c + " = :" + c).collect(Collectors.joining(", "))
                + " WHERE id = :id");
        u.bind("id", r.id());
        r.values().forEach(u::bind);
        u.execute();
    }

    void delete(Handle h, String projectId, String id) {
        h.createUpdate("DELETE FROM resources WHERE id = :id AND project_id = :p")
                .bind("id", id).bind("p", projectId).execute();
    }

    /** The project's default codecs and ciphers (comma-separated), which resources without their own lists use. */
    Map<String, String> mediaDefaults(Handle h, String projectId) {
        return h.createQuery("SELECT default_codecs, default_ciphers FROM projects WHERE id = :p")
                .bind("p", projectId)
                .map((rs, ctx) -> Map.of("codecs", rs.getString("default_codecs"),
                        "ciphers", rs.getString("default_ciphers")))
                .findOne().orElse(Map.of("codecs", "", "ciphers", ""));
    }

    /** The envelope columns of any resource. */
    record Envelope(String id, String projectId, String type, String displayName, long createdAt, long updatedAt) {}

    private static String select(ResourceType type) {
        return "SELECT " + ENVELOPE + ", " + columns(type) + " FROM resources JOIN " + type.collection()
                + " USING (id)";
    }

    private static String columns(ResourceType type) {
        return String.join(", ", type.columns());
    }

    private static StoredResource read(ResultSet rs, ResourceType type) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String c : type.columns()) {
            values.put(c, rs.getString(c));
        }
        return new StoredResource(rs.getString("id"), rs.getString("project_id"), type, rs.getString("display_name"),
                rs.getLong("created_at"), rs.getLong("updated_at"), values);
    }

    private static Envelope envelope(ResultSet rs) throws SQLException {
        return new Envelope(rs.getString("id"), rs.getString("project_id"), rs.getString("type"),
                rs.getString("display_name"), rs.getLong("created_at"), rs.getLong("updated_at"));
    }
}
