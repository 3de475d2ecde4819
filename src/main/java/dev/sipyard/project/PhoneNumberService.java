package dev.sipyard.project;

import dev.sipyard.common.Ids;
import dev.sipyard.common.Input;
import dev.sipyard.common.NotFoundException;
import dev.sipyard.common.Page;
import dev.sipyard.common.PageRequest;
import dev.sipyard.common.PhoneNumbers;
import dev.sipyard.common.ValidationException;
import dev.sipyard.common.Violation;
import dev.sipyard.endpoint.HandlerFieldRules;
import dev.sipyard.resource.ResourceDirectory;
import dev.sipyard.store.Database;
import dev.sipyard.store.RowLocks;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The project's phone numbers: add, list, get, change (name and call handler), delete, and
 * the lookup the call engine uses for calls arriving at a number.
 */
public final class PhoneNumberService {
    public static final Set<String> FIELDS = fieldNames();
    private static final List<NumberField> HANDLER_FIELDS = List.of(NumberField.values());
    private static final String HANDLER_COLUMNS = HANDLER_FIELDS.stream().map(NumberField::wireName)
            .collect(Collectors.joining(", "));

    private final Jdbi jdbi;
    private final HandlerFieldRules handlerRules;

    public PhoneNumberService(Jdbi jdbi) {
        this(jdbi, new ResourceDirectory());
    }

    public PhoneNumberService(Jdbi jdbi, ResourceDirectory resources) {
        this.jdbi = jdbi;
        this.handlerRules = new HandlerFieldRules(resources);
    }

    /** Adds a number, with its call handler if the body names one; every rule broken is listed in one 422. */
    public PhoneNumber add(String projectId, Map<String, Object> body) {
        Input in = new Input(body, FIELDS);
        try {
            return jdbi.inTransaction(h -> {
                PhoneNumber created = apply(h, projectId, in, null);
                in.throwIfInvalid();
                var insert = h.createUpdate("INSERT INTO phone_numbers (id, project_id, number, name, call_handler, "
                                + HANDLER_COLUMNS + ", created_at, updated_at) VALUES (:id, :p, :number, :name, "
                                + ":call_handler, " + HANDLER_FIELDS.stream().map(f -> ":" + f.wireName())
                                .collect(Collectors.joining(", ")) + ", :c, :c)")
                        .bind("c", created.createdAt());
                columns(created).forEach(insert::bind);
                insert.execute();
                return created;
            });
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                throw new ValidationException(new Violation(Violation.NOT_UNIQUE, "number",
                        "The project already has the number " + in.string("number") + "."));
            }
            throw e;
        }
    }

    /**
     * Changes the fields present in {@code body} (PUT and PATCH alike). The number itself cannot
     * change; a new call handler clears the fields the old one used.
     */
    public PhoneNumber update(String projectId, String id, Map<String, Object> body) {
        if (!Ids.isId(id)) {
            throw new NotFoundException();
        }
        Input in = new Input(body, FIELDS);
        return jdbi.inTransaction(h -> {
            PhoneNumber current = h.createQuery("SELECT * FROM phone_numbers WHERE id = :id AND project_id = :p"
                            + RowLocks.forNoKeyUpdate(h))
                    .bind("id", id).bind("p", projectId).map((rs, ctx) -> read(rs)).findOne()
                    .orElseThrow(NotFoundException::new);
            PhoneNumber next = apply(h, projectId, in, current);
            in.throwIfInvalid();
            var update = h.createUpdate("UPDATE phone_numbers SET name = :name, call_handler = :call_handler, "
                            + HANDLER_FIELDS.stream().map(f -> f.wireName() + " = :" + f.wireName())
                            .collect(Collectors.joining(", ")) + ", updated_at = :updated_at WHERE id = :id")
                    .bind("updated_at", next.updatedAt());
            columns(next).forEach(update::bind);
            update.execute();
            return next;
        });
    }

    public Page<PhoneNumber> list(String projectId, PageRequest page, String numberFilter) {
        StringBuilder sql = new StringBuilder("SELECT * FROM phone_numbers WHERE project_id = :p");
        sql.append(page.condition());
        if (numberFilter != null) {
            sql.append(" AND number LIKE :filter ESCAPE '!'");
        }
        sql.append(page.orderAndLimit());
        List<PhoneNumber> rows = jdbi.withHandle(h -> {
            var q = h.createQuery(sql.toString()).bind("p", projectId).bind("limit", page.limit());
            if (page.cursor() != null) {
                q.bind("cursor", page.cursor());
            }
            if (numberFilter != null) {
                q.bind("filter", "%" + numberFilter.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            }
            return q.map((rs, ctx) -> read(rs)).list();
        });
        return Page.of(rows, page);
    }

    public PhoneNumber get(String projectId, String id) {
        if (!Ids.isId(id)) {
            throw new NotFoundException();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM phone_numbers WHERE id = :id AND project_id = :p")
                .bind("id", id).bind("p", projectId).map((rs, ctx) -> read(rs)).findOne())
                .orElseThrow(NotFoundException::new);
    }

    /**
     * The number {@code e164} with its project and call handler, for a call arriving from a
     * carrier. A number is unique within a project, but two projects may both have added it:
     * then it is ambiguous and this answers empty, and the caller refuses the call.
     */
    public Optional<PhoneNumber> findByNumber(String e164) {
        if (e164 == null || !PhoneNumbers.isE164(e164)) {
            return Optional.empty();
        }
        List<PhoneNumber> owners = jdbi.withHandle(h -> h.createQuery("SELECT * FROM phone_numbers WHERE number = :n "
                        + "LIMIT 2")
                .bind("n", e164).map((rs, ctx) -> read(rs)).list());
        return owners.size() == 1 ? Optional.of(owners.get(0)) : Optional.empty();
    }

    /** Deletes a number unless an endpoint or the profile sends as it (they would silently change caller id). */
    public void delete(String projectId, String id) {
        PhoneNumber number = get(projectId, id);
        jdbi.useTransaction(h -> {
            // Lock the number first, so that no endpoint can start sending as it while we check.
            h.createQuery("SELECT id FROM phone_numbers WHERE id = :id" + RowLocks.forUpdate(h))
                    .bind("id", id).mapTo(String.class).findOne();
            List<String> users = h.createQuery("SELECT username FROM sip_endpoints WHERE project_id = :p "
                            + "AND send_as = :n ORDER BY username LIMIT 5")
                    .bind("p", projectId).bind("n", number.number()).mapTo(String.class).list();
            boolean profile = h.createQuery("SELECT 1 FROM projects WHERE id = :p AND default_send_as = :n")
                    .bind("p", projectId).bind("n", number.number()).mapTo(Integer.class).findOne().isPresent();
            if (!users.isEmpty() || profile) {
                String who = profile ? "the SIP profile's default_send_as" : "";
                if (!users.isEmpty()) {
                    who += (who.isEmpty() ? "" : " and ") + "endpoint(s) " + String.join(", ", users);
                }
                throw new ValidationException(new Violation(Violation.INVALID, "number",
                        number.number() + " is the send_as of " + who + "; change them first."));
            }
            h.createUpdate("DELETE FROM phone_numbers WHERE id = :id AND project_id = :p")
                    .bind("id", id).bind("p", projectId).execute();
        });
    }

    /** True when the project owns {@code number}; read in the caller's transaction, which keeps the number until it ends. */
    public static boolean owns(Handle h, String projectId, String number) {
        return h.createQuery("SELECT 1 FROM phone_numbers WHERE project_id = :p AND number = :n"
                        + RowLocks.forKeyShare(h))
                .bind("p", projectId).bind("n", number).mapTo(Integer.class).findOne().isPresent();
    }

    /** The number {@code in} makes of {@code current} (null on create); problems are recorded in {@code in}. */
    private PhoneNumber apply(Handle h, String projectId, Input in, PhoneNumber current) {
        String number = current == null ? null : current.number();
        if (current == null) {
            number = in.string("number");
            if (number == null && !in.hasViolation("number")) {
                in.fail(Violation.MISSING, "number", "number is required.");
            } else if (number != null && !PhoneNumbers.isE164(number)) {
                in.fail(Violation.INVALID_VALUE, "number", "number must be in E.164 format, such as +15551234567.");
            }
        } else if (in.has("number") && !Objects.equals(in.string("number"), number) && !in.hasViolation("number")) {
            in.fail(Violation.INVALID, "number", "number cannot be changed; add the new number and delete this one.");
        }

        String name = current == null ? null : current.name();
        if (in.has("name")) {
            name = in.string("name");
            if (name != null && (name.length() > 100 || name.chars().anyMatch(Character::isISOControl))) {
                in.fail(Violation.INVALID_VALUE, "name", "name must be at most 100 printable characters.");
            }
        }

        NumberCallHandler handler = current == null ? null : current.callHandler();
        if (in.has("call_handler")) {
            String given = in.string("call_handler");
            if (given == null && !in.hasViolation("call_handler")) {
                handler = null;
            } else {
                handler = HandlerFieldRules.handler(in, given, NumberCallHandler::fromWire,
                        NumberCallHandler.wireNames()).orElse(handler);
            }
        }
        Map<NumberField, String> values = new EnumMap<>(NumberField.class);
        if (current != null && current.callHandler() == handler) {
            values.putAll(current.handlerFields());
        }
        handlerRules.apply(h, projectId, in, HANDLER_FIELDS, handler == null ? Set.of() : handler.fields(),
                handler == null ? "null" : handler.wireName(), current == null ? null : current.id(), values);

        long now = System.currentTimeMillis();
        return new PhoneNumber(current == null ? Ids.newId() : current.id(), projectId, number, name, handler, values,
                current == null ? now : current.createdAt(), now);
    }

    /** The row's text columns by bind name (typed, so that nulls bind as text on PostgreSQL). */
    private static Map<String, String> columns(PhoneNumber n) {
        Map<String, String> m = new java.util.HashMap<>();
        m.put("id", n.id());
        m.put("p", n.projectId());
        m.put("number", n.number());
        m.put("name", n.name());
        m.put("call_handler", n.callHandler() == null ? null : n.callHandler().wireName());
        HANDLER_FIELDS.forEach(f -> m.put(f.wireName(), n.field(f)));
        return m;
    }

    private static PhoneNumber read(ResultSet rs) throws SQLException {
        NumberCallHandler handler = Optional.ofNullable(rs.getString("call_handler"))
                .flatMap(NumberCallHandler::fromWire).orElse(null);
        Map<NumberField, String> values = new EnumMap<>(NumberField.class);
        if (handler != null) {
            for (NumberField f : handler.fields()) {
                String v = rs.getString(f.wireName());
                if (v != null) {
                    values.put(f, v);
                }
            }
        }
        return new PhoneNumber(rs.getString("id"), rs.getString("project_id"), rs.getString("number"),
                rs.getString("name"), handler, values, rs.getLong("created_at"), rs.getLong("updated_at"));
    }

    private static Set<String> fieldNames() {
        Set<String> names = new HashSet<>(Set.of("number", "name", "call_handler"));
        Arrays.stream(NumberField.values()).map(NumberField::wireName).forEach(names::add);
        return Set.copyOf(names);
    }
}
