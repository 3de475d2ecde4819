package dev.sipyard.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Comma-separated values as RFC 4180 writes them: fields separated by commas, records by CRLF or
 * LF, a field in double quotes may hold commas, line breaks and doubled quotes. Bounded: a field
 * longer than {@link #MAX_FIELD} characters or a record of more than {@link #MAX_FIELDS} fields is
 * a {@link Malformed} error naming its line.
 */
public final class Csv {
    public static final int MAX_FIELD = 8192;
    public static final int MAX_FIELDS = 256;

    private Csv() {}

    /** A CSV file that cannot be read as CSV; {@code line} is where the record that broke began (1-based). */
    public static final class Malformed extends RuntimeException {
        private final long line;

        Malformed(long line, String message) {
            super("line " + line + ": " + message, null, false, false);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    /** Reads records one at a time from a character stream. */
    public static final class Reader implements AutoCloseable {
        private final java.io.Reader in;
        private long line = 1;
        private long recordLine = 1;
        private int pushedBack = -2;

        public Reader(java.io.Reader in) {
            this.in = in;
        }

        /** The line the last record returned began on. */
        public long recordLine() {
            return recordLine;
        }

        /** The next record, or null at the end; a blank line is a record of one empty field. */
        public List<String> next() {
            int c = read();
            if (c == -1) {
                return null;
            }
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        throw new Malformed(recordLine, "a quoted field is not closed");
                    }
                    if (c == '"') {
                        int n = read();
                        if (n == '"') {
                            append(field, '"');
                        } else {
                            quoted = false;
                            c = n;
                            continue;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        append(field, (char) c);
                    }
                    c = read();
                    continue;
                }
                if (c == ',' || c == '\n' || c == '\r' || c == -1) {
                    fields.add(field.toString());
                    if (fields.size() > MAX_FIELDS) {
                        throw new Malformed(recordLine, "more than " + MAX_FIELDS + " fields");
                    }
                    field.setLength(0);
                    wasQuoted = false;
                    if (c == ',') {
                        c = read();
                        continue;
                    }
                    if (c == '\r') {
                        int n = read();
                        if (n != '\n') {
                            unread(n);
                        }
                    }
                    if (c != -1) {
                        line++;
                    }
                    return fields;
                }
                if (c == '"') {
                    if (field.length() > 0 || wasQuoted) {
                        throw new Malformed(recordLine, "a quote inside an unquoted field (quote the whole field "
                                + "and double the quote)");
                    }
                    quoted = true;
                    wasQuoted = true;
                } else if (wasQuoted) {
                    throw new Malformed(recordLine, "text after a closing quote");
                } else {
                    append(field, (char) c);
                }
                c = read();
            }
        }

        private void append(StringBuilder field, char c) {
            if (field.length() >= MAX_FIELD) {
                throw new Malformed(recordLine, "a field longer than " + MAX_FIELD + " characters");
            }
            field.append(c);
        }

        private int read() {
            if (pushedBack != -2) {
                int c = pushedBack;
                pushedBack = -2;
                return c;
            }
            try {
                return in.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void unread(int c) {
            pushedBack = c;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** {@code fields} as one CSV record (no line end): quoted where a field needs it. */
    public static String record(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String f = fields.get(i) == null ? "" : fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0
                    || (!f.isEmpty() && (f.charAt(0) == ' ' || f.charAt(f.length() - 1) == ' '))) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
        return out.toString();
    }
}
