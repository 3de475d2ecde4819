package dev.sipyard.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** Rows of one page in id order, and whether rows exist after it ({@code hasNext}) and before it ({@code hasPrev}). */
public record Page<T>(List<T> items, boolean hasNext, boolean hasPrev) {

    /** Builds a page from rows fetched by {@link PageRequest} (one more than the page size, in fetch order). */
    public static <T> Page<T> of(List<T> fetched, PageRequest request) {
        boolean more = fetched.size() > request.size();
        List<T> rows = new ArrayList<>(more ? fetched.subList(0, request.size()) : fetched);
        if (request.backward()) {
            Collections.reverse(rows);
            return new Page<>(List.copyOf(rows), true, more);
        }
        return new Page<>(List.copyOf(rows), more, request.cursor() != null);
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), hasNext, hasPrev);
    }
}
