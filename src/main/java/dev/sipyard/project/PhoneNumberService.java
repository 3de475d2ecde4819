package dev.sipyard.project;

import dev.sipyard.common.Ids;
import dev.sipyard.common.Input;
import dev.sipyard.common.NotFoundException;
import dev.sipyard.common.Page;
import dev.sipyard.common.PageRequest;
import dev.sipyard.common.PhoneNumbers;
import dev.sipyard.common.ValidationException;
import dev.sipyard.common.Violation;
import dev.sipyard.store.Database;
import dev.sipyard.store.RowLocks;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The project's phone numbers: add, list, get, delete. */
public final class PhoneNumberService {
    public static final Set<String> FIELDS = Set.of("number", "name");
    private static final RowMapper<PhoneNumber> ROW = (rs, ctx) -> new PhoneNumber(rs.getString("id"),
            rs.getString("number"), rs.getString("name"), rs.getLong("created_at"), rs.getLong("updated_at"));

    private final Jdbi jdbi;

    public PhoneNumberService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public PhoneNumber add(String projectId, Map<String, Object> body) {
        Input in = new Input(body, FIELDS);
        String number = in.string("number");
        if (number == null && !in.hasViolation("number")) {
            in.fail(Violation.MISSING, "number", "number is required.");
        } else if (number != null && !PhoneNumbers.isE164(number)) {
            in.fail(Violation.INVALID_VALUE, "number", "number must be in E.164 format, such as +15551234567.");
        }
        String name = in.string("name");
        if (name != null && (name.length() > 100 || name.chars().anyMatch(Character::isISOControl))) {
            in.fail(Violation.INVALID_VALUE, "name", "name must be at most 100 printable characters.");
        }
        in.throwIfInvalid();
        PhoneNumber created = new PhoneNumber(Ids.newId(), number, name, System.currentTimeMillis(),
                System.currentTimeMillis());
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO phone_numbers (id, project_id, number, name, created_at, "
                            + "updated_at) VALUES (:id, :p, :number, :name, :c, :c)")
                    .bind("id", created.id()).bind("p", projectId).bind("number", number).bind("name", name)
                    .bind("c", created.createdAt()).execute());
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                throw new ValidationException(new Violation(Violation.NOT_UNIQUE, "number",
                        "The project already has the number " + number + "."));
            }
            throw e;
        }
        return created;
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
            return q.map(ROW).list();
        });
        return Page.of(rows, page);
    }

    public PhoneNumber get(String projectId, String id) {
        if (!Ids.isId(id)) {
            throw new NotFoundException();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM phone_numbers WHERE id = :id AND project_id = :p")
                .bind("id", id).bind("p", projectId).map(ROW).findOne()).orElseThrow(NotFoundException::new);
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
}
