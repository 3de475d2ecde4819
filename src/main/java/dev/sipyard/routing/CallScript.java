package dev.sipyard.routing;

/**
 * A document interpreter driven by the call engine: the engine performs the I/O each {@link Step}
 * asks for and hands the result back. The first call is {@code next(new Outcome.Start())}; after a
 * {@link Step.Refuse} or {@link Step.Finished} the script must not be called again. Not thread-safe:
 * one call, one script, one thread at a time.
 */
public interface CallScript {
    /**
     * The next step, given the outcome of the previous one.
     *
     * @throws IllegalStateException when the outcome does not answer the previous step
     */
    Step next(Outcome previous);
}
