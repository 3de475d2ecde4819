package dev.sipyard.common;

/**
 * One page of a keyset-paginated list, ordered by id: at most {@code size} rows after
 * {@code cursor} (or before it, when {@code backward}); a null cursor starts at the beginning.
 */
public record PageRequest(int size, String cursor, boolean backward) {

    public static PageRequest first(int size) {
        return new PageRequest(size, null, false);
    }

    /** The SQL condition and order for this page over column {@code id}; bind {@code :cursor} and {@code :limit}. */
    public String condition() {
        return cursor == null ? "" : backward ? " AND id < :cursor" : " AND id > :cursor";
    }

    public String orderAndLimit() {
        return backward ? " ORDER BY id DESC LIMIT :limit" : " ORDER BY id LIMIT :limit";
    }

    /** Rows to fetch: one more than the page, to learn whether more exist. */
    public int limit() {
        return size + 1;
    }
}
