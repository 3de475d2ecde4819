package dev.sipyard.calllog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows of the calls this node opened and has not ended, as the call log's writer last
 * committed them, so that a status change need not read its row first. Used by the writer's
 * thread only. Bounded: past {@link #MAX} the oldest are forgotten, and their next change reads
 * the row as any other. A remembered row is a guess checked by the write itself (see
 * {@link CallLog}), never trusted blindly: another node may have changed it.
 */
final class OpenCalls {
    static final int MAX = 100_000;

    private final Map<String, CallRow> rows = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CallRow> eldest) {
            return size() > MAX;
        }
    };

    CallRow get(String id) {
        return rows.get(id);
    }

    /** Applies what a committed transaction changed: a null row means the call is no longer open here. */
    void apply(Map<String, CallRow> changes) {
        changes.forEach((id, row) -> {
            if (row == null) {
                rows.remove(id);
            } else {
                rows.put(id, row);
            }
        });
    }
}
