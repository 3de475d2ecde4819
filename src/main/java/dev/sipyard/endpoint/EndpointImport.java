package dev.sipyard.endpoint;

import dev.sipyard.common.ValidationException;
import dev.sipyard.common.Violation;
import dev.sipyard.project.SipProfile;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Bulk creation of endpoints, each row held to the API's own rules and messages. Rows go in
 * batches, one transaction each, so a large file costs few commits; a rejected row writes nothing
 * and the others of its batch still land. All or nothing: one transaction for the whole file,
 * undone if any row is rejected. A dry run checks every row the same way and keeps nothing.
 */
public final class EndpointImport {
    /** Rows per transaction when rows land as they go. */
    public static final int BATCH = 1000;

    private final EndpointService endpoints;

    public EndpointImport(EndpointService endpoints) {
        this.endpoints = endpoints;
    }

    /**
     * One row of the file: where it was ({@code line}), its fields as the API would get them, and
     * what is wrong with it before any rule is applied (its shape); a row with problems is rejected.
     */
    public record Row(long line, Map<String, Object> fields, List<Violation> problems) {}

    public record Options(boolean dryRun, boolean allOrNothing) {}

    /** Told of every row as it is decided. */
    public interface Listener {
        void created(Row row, SipEndpoint endpoint, String generatedPassword);

        void rejected(Row row, List<Violation> violations);
    }

    /**
     * @param created  rows that were (or, in a dry run or an undone all-or-nothing import, would have been) created
     * @param kept     whether the created rows are in the database now
     */
    public record Summary(long created, long rejected, boolean kept) {}

    private static final class Undo extends RuntimeException {
        Undo() {
            super(null, null, false, false);
        }
    }

    /**
     * Imports {@code rows} into {@code projectId}. {@link Listener#created} is told once a row's
     * batch has committed (never in a dry run or an undone import). A database failure (not a
     * broken rule) stops the import with that exception: the batches committed before it stay,
     * unless all or nothing.
     */
    public Summary run(String projectId, Iterator<Row> rows, Options options, Listener listener) {
        long created = 0;
        long[] rejected = new long[1];
        boolean oneTransaction = options.dryRun() || options.allOrNothing();
        do {
            List<Runnable> toTell = new ArrayList<>();
            try {
                endpoints.jdbi().useTransaction(h -> {
                    SipProfile profile = endpoints.profiles().read(h, projectId);
                    for (int n = 0; rows.hasNext() && (oneTransaction || n < BATCH); n++) {
                        Row row = rows.next();
                        if (!row.problems().isEmpty()) {
                            rejected[0]++;
                            listener.rejected(row, row.problems());
                            continue;
                        }
                        try {
                            CreatedEndpoint c = endpoints.createIn(h, projectId, profile, row.fields());
                            toTell.add(() -> listener.created(row, c.endpoint(), c.generatedPassword()));
                        } catch (ValidationException e) {
                            rejected[0]++;
                            listener.rejected(row, e.violations());
                        }
                    }
                    if (options.dryRun() || (options.allOrNothing() && rejected[0] > 0)) {
                        throw new Undo();
                    }
                });
            } catch (Undo undone) {
                return new Summary(created + toTell.size(), rejected[0], false);
            }
            toTell.forEach(Runnable::run);
            created += toTell.size();
        } while (rows.hasNext());
        return new Summary(created, rejected[0], true);
    }
}
