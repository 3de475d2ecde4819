package dev.sipyard.media.prompt;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected up to a limit. Past the limit, or at once when the Content-Length
 * already says so, the subscription is cancelled (the connection is dropped, nothing more is
 * read) and the body is {@link Body#tooLarge()}. A body not wanted at all (redirects, errors,
 * text) is cancelled before anything is read.
 */
final class BoundedBody implements BodySubscriber<BoundedBody.Body> {
    /** What was read: the bytes, or that there were too many, or that none were wanted. */
    record Body(byte[] bytes, boolean tooLarge) {
        static final Body SKIPPED = new Body(new byte[0], false);
        static final Body TOO_LARGE = new Body(new byte[0], true);
    }

    private final long limit;
    private final Body early;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private BoundedBody(long limit, Body early) {
        this.limit = limit;
        this.early = early;
    }

    static BoundedBody reading(long limit, long contentLength) {
        return new BoundedBody(limit, contentLength > limit ? Body.TOO_LARGE : null);
    }

    static BoundedBody skipping() {
        return new BoundedBody(0, Body.SKIPPED);
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (early != null) {
            s.cancel();
            result.complete(early);
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : buffers) {
            if (bytes.size() + (long) b.remaining() > limit) {
                subscription.cancel();
                result.complete(Body.TOO_LARGE);
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            bytes.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(new Body(bytes.toByteArray(), false));
    }
}
