package dev.sipyard.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A statement written with named parameters ({@code :name}, as for JDBI), turned into JDBC's
 * positional {@code ?} once per distinct text, for the hot paths that run plain JDBC. A name may
 * appear more than once. Text in single quotes and PostgreSQL's {@code ::} casts are left alone.
 */
public final class NamedSql {
    private static final Map<String, NamedSql> PARSED = new ConcurrentHashMap<>();
    /** Texts beyond this many are parsed for each use instead of remembered (the hot paths have a handful). */
    private static final int MAX_REMEMBERED = 256;

    private final String positional;
    private final List<String> names;

    private NamedSql(String positional, List<String> names) {
        this.positional = positional;
        this.names = names;
    }

    public static NamedSql of(String named) {
        NamedSql known = PARSED.get(named);
        if (known != null) {
            return known;
        }
        NamedSql parsed = parse(named);
        if (PARSED.size() < MAX_REMEMBERED) {
            PARSED.putIfAbsent(named, parsed);
        }
        return parsed;
    }

    static NamedSql parse(String named) {
        StringBuilder sql = new StringBuilder(named.length());
        List<String> names = new ArrayList<>();
        boolean quoted = false;
        int i = 0;
        while (i < named.length()) {
            char c = named.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == ':' && i + 1 < named.length() && named.charAt(i + 1) == ':') {
                sql.append("::");
                i += 2;
                continue;
            } else if (!quoted && c == ':' && i + 1 < named.length() && isNameStart(named.charAt(i + 1))) {
                int end = i + 1;
                while (end < named.length() && isNamePart(named.charAt(end))) {
                    end++;
                }
                names.add(named.substring(i + 1, end));
                sql.append('?');
                i = end;
                continue;
            }
            sql.append(c);
            i++;
        }
        return new NamedSql(sql.toString(), List.copyOf(names));
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** The text with {@code ?} for each parameter, for {@code prepareStatement}. */
    public String sql() {
        return positional;
    }

    /** Binds {@code value} (a String, Integer, Long or null) at every position of {@code name}. */
    public void bind(PreparedStatement ps, String name, Object value) throws SQLException {
        boolean found = false;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                set(ps, i + 1, value);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no parameter :" + name + " in " + positional);
        }
    }

    private static void set(PreparedStatement ps, int index, Object value) throws SQLException {
        switch (value) {
            case null -> ps.setNull(index, Types.OTHER); // as JDBI: PostgreSQL infers the column's type
            case String s -> ps.setString(index, s);
            case Integer n -> ps.setInt(index, n);
            case Long n -> ps.setLong(index, n);
            default -> throw new IllegalArgumentException("cannot bind a " + value.getClass().getSimpleName());
        }
    }
}
