package dev.sipyard.routing;

import static dev.sipyard.routing.DocumentFetches.DOCUMENT_PARSE_FAILURE;
import static dev.sipyard.routing.DocumentFetches.HTTP_RETRIEVAL_FAILURE;

/**
 * The conversation with the engine that every document interpreter shares: remember which step is
 * outstanding, check that the outcome answers it, and hand fetch failures to the fallback rules.
 * Subclasses say what a fetched document, an ended Dial and an ended Pause lead to.
 */
public abstract class DocumentScript implements CallScript {
    private enum Waiting { START, FETCH, DIAL, PAUSE, ANSWER, PLAY, RECORD, DONE }

    /** The primary/fallback rules for this script's documents. */
    protected final DocumentFetches fetches;
    private Waiting waiting = Waiting.START;
    private String requestedUrl;
    private String documentUrl;
    private boolean callAnswered;

    protected DocumentScript(DocumentSource source, Format format) {
        this.fetches = new DocumentFetches(source, format);
    }

    @Override
    public final Step next(Outcome previous) {
        if (previous instanceof Outcome.Answered || previous instanceof Outcome.Played
                || previous instanceof Outcome.Recorded) {
            callAnswered = true; // the engine answers before it plays or records
        }
        return emit(switch (waiting) {
            case START -> previous instanceof Outcome.Start ? fetches.primary() : unexpected(previous);
            case FETCH -> switch (previous) {
                case Outcome.Fetched f -> arrived(f);
                case Outcome.FetchFailed f ->
                        fetches.failed(requestedUrl, HTTP_RETRIEVAL_FAILURE, DocumentFetches.describe(f));
                default -> unexpected(previous);
            };
            case DIAL -> previous instanceof Outcome.Dialed d ? dialEnded(d) : unexpected(previous);
            case PAUSE -> previous instanceof Outcome.Paused ? pauseEnded() : unexpected(previous);
            case ANSWER -> previous instanceof Outcome.Answered ? answered() : unexpected(previous);
            case PLAY -> previous instanceof Outcome.Played p ? played(p) : unexpected(previous);
            case RECORD -> previous instanceof Outcome.Recorded r ? recorded(r) : unexpected(previous);
            case DONE -> throw new IllegalStateException(getClass().getSimpleName() + " has finished");
        });
    }

    /** The URL of the document being run: where relative URLs resolve. */
    protected final String documentUrl() {
        return documentUrl;
    }

    /** Whether the engine has answered the caller (after an Answer, a Play or a Record). */
    protected final boolean callAnswered() {
        return callAnswered;
    }

    /** The verbs ran out: an unanswered caller is refused, an answered one hung up. */
    protected final Step documentEnded() {
        return new Step.Refuse(603, callAnswered ? "Document ended" : "Document ended without connecting the call");
    }

    /** The document being run cannot go on: its fallback document, or {@code 500}. */
    protected final Step unusable(UnusableDocument why) {
        return fetches.failed(documentUrl, DOCUMENT_PARSE_FAILURE, why.getMessage());
    }

    /**
     * Parses a document that arrived with a 2xx and makes it the one to run.
     *
     * @throws UnusableDocument when it cannot be parsed; the fallback rules then apply
     */
    protected abstract void load(String body) throws UnusableDocument;

    /** Runs the document just loaded from its start. */
    protected abstract Step begin();

    /** The Dial this script asked for has ended. */
    protected abstract Step dialEnded(Outcome.Dialed dialed);

    /** The Pause this script asked for is over. */
    protected abstract Step pauseEnded();

    /** The {@link Step.Answer} this script asked for happened. */
    protected Step answered() {
        throw new IllegalStateException(getClass().getSimpleName() + " asked for no answer");
    }

    /** The {@link Step.Play} this script asked for ended. */
    protected Step played(Outcome.Played played) {
        throw new IllegalStateException(getClass().getSimpleName() + " asked for no prompt");
    }

    /** The {@link Step.Record} this script asked for ended. */
    protected Step recorded(Outcome.Recorded recorded) {
        throw new IllegalStateException(getClass().getSimpleName() + " asked for no recording");
    }

    private Step arrived(Outcome.Fetched fetched) {
        try {
            load(fetched.body());
        } catch (UnusableDocument e) {
            return fetches.failed(requestedUrl, DOCUMENT_PARSE_FAILURE, e.getMessage());
        }
        documentUrl = fetched.url() == null ? requestedUrl : fetched.url();
        return begin();
    }

    private Step emit(Step step) {
        waiting = switch (step) {
            case Step.Fetch f -> {
                requestedUrl = f.url();
                yield Waiting.FETCH;
            }
            case Step.Dial d -> Waiting.DIAL;
            case Step.Pause p -> Waiting.PAUSE;
            case Step.Answer a -> Waiting.ANSWER;
            case Step.Play p -> Waiting.PLAY;
            case Step.Record r -> Waiting.RECORD;
            case Step.Refuse r -> Waiting.DONE;
            case Step.Finished f -> Waiting.DONE;
        };
        return step;
    }

    private Step unexpected(Outcome previous) {
        throw new IllegalStateException(getClass().getSimpleName() + " is waiting for " + waiting + ", not " + previous);
    }
}
