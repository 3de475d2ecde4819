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
    record Fetch(String url, String method, Format format, Map<String, String> extraParams,
            Map<String, String> vars) implements Step {
        /** @param vars the variables a SWML script had set, sent as the request's {@code vars} */
        public Fetch {
            extraParams = Collections.unmodifiableMap(new LinkedHashMap<>(extraParams));
            vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        }

        public Fetch(String url, String method, Format format, Map<String, String> extraParams) {
            this(url, method, format, extraParams, Map.of());
        }

        public Fetch withVars(Map<String, String> variables) {
            return new Fetch(url, method, format, extraParams, variables);
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

    /**
     * End the call: a caller not answered yet gets this final response; an answered caller (media)
     * is hung up with a BYE and {@code reason} goes to the call log. The script is finished.
     */
    record Refuse(int status, String reason) implements Step {}

    /** Answer the caller now, the media engine being the far end; answered with {@link Outcome.Answered}. */
    record Answer() implements Step {}

    /**
     * Play {@code prompts} in order to the caller (answering first when needed) and, when {@code
     * collect} is not null, gather DTMF; answered with {@link Outcome.Played}.
     */
    record Play(List<Prompt> prompts, Collect collect) implements Step {
        public Play {
            prompts = List.copyOf(prompts);
        }
    }

    /**
     * Record what the caller says (answering first when needed); answered with {@link Outcome.Recorded}.
     *
     * @param maxLengthSeconds   the longest recording
     * @param silenceTimeoutSeconds seconds of silence that end it (0: silence never ends it)
     * @param finishOnKeys       keys that end it (empty: none)
     * @param playBeep           a beep before recording starts
     * @param statusCallbackUrl  absolute URL told when the recording is stored, or null
     */
    record Record(int maxLengthSeconds, int silenceTimeoutSeconds, String finishOnKeys, boolean playBeep,
            String statusCallbackUrl, String statusCallbackMethod) implements Step {}

    /** Something to play: text to speak, an audio URL, DTMF digits, or silence. */
    sealed interface Prompt {
        /** {@code voice} and {@code language} as the document gave them (null: defaults). */
        record Speech(String text, String voice, String language) implements Prompt {}

        /** A WAV or MP3 file at an absolute http(s) URL. */
        record Audio(String url) implements Prompt {}

        /** DTMF to send; {@code w} is a half-second pause. */
        record Digits(String digits) implements Prompt {}

        record Silence(int millis) implements Prompt {}
    }

    /**
     * DTMF to gather while and after prompts play.
     *
     * @param maxDigits       stop after this many digits (1..{@link #MAX_DIGITS})
     * @param finishOnKeys    keys that end the input (not included in the digits); empty for none
     * @param timeoutSeconds  how long to wait for the first digit after the prompts, and between digits
     * @param bargeIn         whether a key stops the prompts
     */
    record Collect(int maxDigits, String finishOnKeys, int timeoutSeconds, boolean bargeIn) {
        public static final int MAX_DIGITS = 128;
    }

    /** Nothing more to do: after a connected Dial the call goes on between the parties, or has ended. */
    record Finished() implements Step {}
}
