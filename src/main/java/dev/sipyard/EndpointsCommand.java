package dev.sipyard;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.api.EndpointJson;
import dev.sipyard.common.Csv;
import dev.sipyard.common.Page;
import dev.sipyard.common.PageRequest;
import dev.sipyard.common.Violation;
import dev.sipyard.endpoint.EndpointImport;
import dev.sipyard.endpoint.EndpointService;
import dev.sipyard.endpoint.HandlerField;
import dev.sipyard.endpoint.SipEndpoint;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sipyard endpoints import|export}: bulk provisioning against the configured database. */
@Command(name = "endpoints", description = "Import SIP endpoints from CSV, or export them.",
        subcommands = {EndpointsCommand.Import.class, EndpointsCommand.Export.class})
final class EndpointsCommand extends Sipyard.Group {
    /** Fields whose CSV cell holds a list (separated by commas, semicolons or spaces). */
    private static final Set<String> LIST_FIELDS = Set.of("ciphers", "codecs");
    /** Columns an export writes that an import skips: the server assigns them. */
    private static final Set<String> ASSIGNED = Set.of("id");

    /** The columns of an export, in order; every one but {@code id} can be imported. */
    static List<String> exportColumns() {
        List<String> columns = new ArrayList<>(List.of("id", "username", "caller_id", "send_as", "ciphers", "codecs",
                "encryption", "call_handler"));
        Arrays.stream(HandlerField.values()).map(HandlerField::wireName).forEach(columns::add);
        return columns;
    }

    @Command(name = "import", description = "Create endpoints from a CSV file whose header names API fields "
            + "(username, password, caller_id, codecs, call_handler, ...). Each row is checked by the API's rules; "
            + "rejected rows and why go to a report file; the good rows land unless --all-or-nothing.")
    static final class Import extends Sipyard.DatabaseCommand {
        @Parameters(index = "0", paramLabel = "FILE.csv")
        Path file;

        @Option(names = "--project", required = true)
        String project;

        @Option(names = "--dry-run", description = "Check every row; write nothing.")
        boolean dryRun;

        @Option(names = "--all-or-nothing", description = "Write nothing unless every row is good.")
        boolean allOrNothing;

        @Option(names = "--report", paramLabel = "FILE", description = "Where rejected rows are described "
                + "(default: FILE.csv with .errors.csv).")
        Path report;

        @Override
        int run(SipyardServer server, PrintWriter out, PrintWriter err) {
            if (server.domain().projects().find(project).isEmpty()) {
                err.println("sipyard: no project " + project);
                return 1;
            }
            Path reportFile = report != null ? report : sibling(file, ".errors.csv");
            Path passwordsFile = sibling(file, ".passwords.csv");
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                err.println("sipyard: cannot read " + file + ": " + e.getMessage());
                return 1;
            }
            Progress progress = new Progress(err, size, System.console() != null);
            try (CountingStream counted = new CountingStream(Files.newInputStream(file));
                 Csv.Reader csv = new Csv.Reader(new BufferedReader(new InputStreamReader(withoutBom(counted),
                         StandardCharsets.UTF_8)));
                 Outputs outputs = new Outputs(reportFile, passwordsFile)) {
                List<String> header = header(csv.next());
                Iterator<EndpointImport.Row> rows = new Rows(csv, header, () -> progress.at(counted.count()));
                EndpointImport.Summary s = new EndpointImport(server.domain().endpoints()).run(project, rows,
                        new EndpointImport.Options(dryRun, allOrNothing), outputs);
                progress.done();
                out.println(summary(s, outputs));
                return s.rejected() == 0 && (s.kept() || dryRun) ? 0 : 1;
            } catch (BadHeader | Csv.Malformed e) {
                progress.done();
                err.println("sipyard: " + file + ": " + e.getMessage()
                        + (dryRun || allOrNothing ? "; nothing was written" : "; rows before it that were good were written"));
                return 1;
            } catch (IOException e) {
                err.println("sipyard: cannot read " + file + ": " + e.getMessage());
                return 1;
            }
        }

        private String summary(EndpointImport.Summary s, Outputs outputs) {
            String rejected = s.rejected() == 0 ? "" : ", " + s.rejected() + " rejected (why: " + outputs.report + ")";
            if (dryRun) {
                return "dry run: " + s.created() + " would be created" + rejected + "; nothing was written";
            }
            if (!s.kept()) {
                return "all or nothing: " + s.rejected() + " rejected (why: " + outputs.report + "); nothing was written";
            }
            String passwords = outputs.generated == 0 ? "" : "; " + outputs.generated + " generated password(s) in "
                    + outputs.passwords + " (readable by you only; delete it once they are handed out)";
            return "created " + s.created() + " endpoint(s)" + rejected + passwords;
        }
    }

    @Command(name = "export", description = "Print a project's endpoints as CSV (the import's columns, plus id) "
            + "or JSON; never a password.")
    static final class Export extends Sipyard.DatabaseCommand {
        @Option(names = "--project", required = true)
        String project;

        @Option(names = "--format", defaultValue = "csv", description = "csv or json (default csv)")
        String format;

        @Override
        int run(SipyardServer server, PrintWriter out, PrintWriter err) {
            String f = format.toLowerCase(Locale.ROOT);
            if (!f.equals("csv") && !f.equals("json")) {
                err.println("sipyard: --format must be csv or json");
                return 2;
            }
            if (server.domain().projects().find(project).isEmpty()) {
                err.println("sipyard: no project " + project);
                return 1;
            }
            try {
                if (f.equals("csv")) {
                    exportCsv(server.domain().endpoints(), out);
                } else {
                    exportJson(server.domain().endpoints(), out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return 0;
        }

        private void exportCsv(EndpointService endpoints, PrintWriter out) {
            List<String> columns = exportColumns();
            out.println(Csv.record(columns));
            forEach(endpoints, e -> {
                Map<String, Object> row = EndpointJson.of(e);
                List<String> cells = new ArrayList<>();
                for (String c : columns) {
                    Object v = row.get(c);
                    cells.add(v == null ? "" : v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                            : v.toString());
                }
                out.println(Csv.record(cells));
            });
        }

        private void exportJson(EndpointService endpoints, PrintWriter out) throws IOException {
            JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out);
            g.writeStartArray();
            forEach(endpoints, e -> {
                try {
                    g.writeStartObject();
                    for (Map.Entry<String, Object> f : EndpointJson.of(e).entrySet()) {
                        g.writeFieldName(f.getKey());
                        g.writeObject(f.getValue());
                    }
                    g.writeEndObject();
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
            g.writeEndArray();
            g.flush();
            out.println();
        }

        private void forEach(EndpointService endpoints, java.util.function.Consumer<SipEndpoint> each) {
            PageRequest page = PageRequest.first(500);
            while (true) {
                Page<SipEndpoint> p = endpoints.list(project, page, null, null);
                p.items().forEach(each);
                if (!p.hasNext() || p.items().isEmpty()) {
                    return;
                }
                page = new PageRequest(500, p.items().get(p.items().size() - 1).id(), false);
            }
        }
    }

    private static List<String> header(List<String> first) {
        if (first == null) {
            throw new BadHeader("the file is empty; its first line must name the columns (username, password, ...)");
        }
        List<String> names = new ArrayList<>();
        for (String raw : first) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            if (!EndpointService.FIELDS.contains(name) && !ASSIGNED.contains(name)) {
                throw new BadHeader("unknown column '" + raw.strip() + "' in the header; columns are API fields: "
                        + String.join(", ", EndpointService.FIELDS.stream().sorted().toList()));
            }
            if (names.contains(name)) {
                throw new BadHeader("the column '" + name + "' appears twice in the header");
            }
            names.add(name);
        }
        return names;
    }

    private static final class BadHeader extends RuntimeException {
        BadHeader(String message) {
            super(message, null, false, false);
        }
    }

    /** The records after the header as import rows; blank lines are skipped. */
    private static final class Rows implements Iterator<EndpointImport.Row> {
        private final Csv.Reader csv;
        private final List<String> header;
        private final Runnable onRow;
        private EndpointImport.Row next;

        Rows(Csv.Reader csv, List<String> header, Runnable onRow) {
            this.csv = csv;
            this.header = header;
            this.onRow = onRow;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                List<String> record = csv.next();
                if (record == null) {
                    return false;
                }
                onRow.run();
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                next = row(csv.recordLine(), record);
            }
            return true;
        }

        @Override
        public EndpointImport.Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            EndpointImport.Row r = next;
            next = null;
            return r;
        }

        private EndpointImport.Row row(long line, List<String> record) {
            Map<String, Object> fields = new LinkedHashMap<>();
            if (record.size() != header.size()) {
                return new EndpointImport.Row(line, fields, List.of(new Violation(Violation.INVALID, "row",
                        "the row has " + record.size() + " fields, the header " + header.size() + ".")));
            }
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i);
                String cell = record.get(i);
                if (cell.isEmpty() || ASSIGNED.contains(name)) {
                    continue;
                }
                fields.put(name, LIST_FIELDS.contains(name)
                        ? Arrays.stream(cell.strip().split("[,;\\s]+")).filter(s -> !s.isEmpty()).toList() : cell);
            }
            return new EndpointImport.Row(line, fields, List.of());
        }
    }

    /** The report of rejected rows and the file of generated passwords, each opened when first needed. */
    private static final class Outputs implements EndpointImport.Listener, AutoCloseable {
        final Path report;
        final Path passwords;
        private Writer reportOut;
        private Writer passwordsOut;
        long generated;

        Outputs(Path report, Path passwords) {
            this.report = report;
            this.passwords = passwords;
        }

        @Override
        public void created(EndpointImport.Row row, SipEndpoint endpoint, String generatedPassword) {
            if (generatedPassword == null) {
                return;
            }
            try {
                if (passwordsOut == null) {
                    Files.deleteIfExists(passwords);
                    Files.createFile(passwords, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    passwordsOut = Files.newBufferedWriter(passwords, StandardOpenOption.WRITE);
                    passwordsOut.write(Csv.record(List.of("line", "id", "username", "password")) + "\n");
                }
                passwordsOut.write(Csv.record(List.of(String.valueOf(row.line()), endpoint.id(), endpoint.username(),
                        generatedPassword)) + "\n");
                generated++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void rejected(EndpointImport.Row row, List<Violation> violations) {
            try {
                if (reportOut == null) {
                    reportOut = Files.newBufferedWriter(report);
                    reportOut.write(Csv.record(List.of("line", "username", "attribute", "code", "message")) + "\n");
                }
                Object username = row.fields().get("username");
                for (Violation v : violations) {
                    reportOut.write(Csv.record(List.of(String.valueOf(row.line()),
                            username == null ? "" : username.toString(), v.attribute(), v.code(), v.message())) + "\n");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (reportOut != null) {
                reportOut.close();
            }
            if (passwordsOut != null) {
                passwordsOut.close();
            }
        }
    }

    /** Progress on standard error: a bar redrawn in place on a terminal, a line per tenth otherwise. */
    private static final class Progress {
        private final PrintWriter err;
        private final long total;
        private final boolean terminal;
        private long rows;
        private long lastDraw;
        private int lastTenth;

        Progress(PrintWriter err, long total, boolean terminal) {
            this.err = err;
            this.total = Math.max(1, total);
            this.terminal = terminal;
        }

        void at(long bytes) {
            rows++;
            int percent = (int) Math.min(100, bytes * 100 / total);
            if (terminal) {
                long now = System.nanoTime();
                if (now - lastDraw > 100_000_000L) {
                    lastDraw = now;
                    int filled = percent / 4;
                    err.print("\r[" + "#".repeat(filled) + " ".repeat(25 - filled) + "] " + percent + "%  " + rows + " rows");
                    err.flush();
                }
            } else if (percent / 10 > lastTenth) {
                lastTenth = percent / 10;
                err.println("import: " + rows + " rows read, " + percent + "% of the file");
                err.flush();
            }
        }

        void done() {
            if (terminal) {
                err.println();
            }
            err.flush();
        }
    }

    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    private static InputStream withoutBom(InputStream in) throws IOException {
        java.io.PushbackInputStream p = new java.io.PushbackInputStream(in, 3);
        byte[] head = p.readNBytes(3);
        boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (!bom) {
            p.unread(head);
        }
        return p;
    }

    private static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(base + suffix);
    }
}
