package dev.sipyard.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a {@link CallScript} asks the engine to do next. */
public sealed interface Step {
    /**
     * Fetch a document: the engine adds the standard parameters and {@code extraParams}, signs the
     * request, and answers with {@link Outcome.Fetched} or {@link Outcome.FetchFailed}.
     */
    record Fetch(String url, String method, Format format, Map<String, String> extraParams) implements Step {
        public Fetch {
            extraParams = Collections.unmodifiableMap(new LinkedHashMap<>(extraParams));
        }
    }

    /**
     * Ring the targets (all at once when {@code parallel}) for at most {@code timeoutSeconds}; the
     * engine answers with {@link Outcome.Dialed}.
     *
     * @param callerId the From to present; null for the caller's own
     * @param timeLimitSeconds the longest the connected call may last; null for no limit of ours
     */
    record Dial(List<DialTarget> targets, boolean parallel, int timeoutSeconds, String callerId,
            Integer timeLimitSeconds) implements Step {
        public Dial {
            targets = List.copyOf(targets);
        }
    }

    /** Wait, then answer with {@link Outcome.Paused}. */
    record Pause(int seconds) implements Step {}

    /** Send this final response to the caller, who was not answered yet; the script is finished. */
    record Refuse(int status, String reason) implements Step {}

    /** Nothing more to do: after a connected Dial the call goes on between the parties, or has ended. */
    record Finished() implements Step {}
}
