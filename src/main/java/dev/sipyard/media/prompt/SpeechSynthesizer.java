package dev.sipyard.media.prompt;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.audio.UnsupportedAudio;
import dev.sipyard.media.audio.WavFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text to speech with espeak-ng, run as a bounded subprocess: the text goes in on stdin (UTF-8,
 * no SSML), a WAV comes back on stdout at espeak-ng's native {@value #RATE} Hz, stderr is
 * discarded. The process is killed when it takes longer than the timeout or writes more than
 * {@code maxOutputBytes} (a generous 0.15 s of speech per character plus 2 s, at most 128 MB);
 * at most {@value #MAX_RUNNING} run at once.
 *
 * <p>Text longer than {@code maxChars} is refused before anything runs. Control characters are
 * removed (line breaks and tabs become spaces). Clips are cached by the cleaned text and the
 * espeak-ng voice it maps to (see {@link EspeakVoices} for how cXML voices and languages map),
 * least recently used first out once the cache holds more than {@code cacheBytes}.
 *
 * <p>{@link #available()} runs {@code command --version} once and remembers the answer; the
 * server calls it at start-up so a missing espeak-ng is reported there, with one WARN.
 */
public final class SpeechSynthesizer {
    private static final Logger log = LoggerFactory.getLogger(SpeechSynthesizer.class);
    /** espeak-ng's output rate. */
    public static final int RATE = 22050;
    static final int MAX_RUNNING = 4;
    /** Whatever maxChars says: about 50 minutes of speech. */
    private static final long MAX_OUTPUT_BYTES = 128L << 20;
    private static final long PROBE_OUTPUT_LIMIT = 4096;
    /** The probe runs once, at start-up, when a busy machine may start processes slowly. */
    private static final Duration MIN_PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final String command;
    private final Duration timeout;
    private final int maxChars;
    private final long maxOutputBytes;
    private final ClipCache<Key> cache;
    private final Semaphore running = new Semaphore(MAX_RUNNING);
    private volatile Boolean available;

    private record Key(String text, String voice) {}

    public SpeechSynthesizer(String command, Duration timeout, int maxChars, long cacheBytes) {
        this.command = command;
        this.timeout = timeout;
        this.maxChars = maxChars;
        this.maxOutputBytes = Math.min(MAX_OUTPUT_BYTES, 44 + 2L * RATE * (2 + (long) Math.ceil(0.15 * maxChars)));
        this.cache = new ClipCache<>(cacheBytes);
    }

    /** Whether the command runs; probed on the first call only. */
    public boolean available() {
        Boolean known = available;
        if (known == null) {
            synchronized (this) {
                if (available == null) {
                    available = probe();
                }
                known = available;
            }
        }
        return known;
    }

    public AudioClip speak(String text, String voice, String language) throws PromptFailure {
        String raw = text == null ? "" : text;
        if (raw.length() > maxChars) {
            throw new PromptFailure("text longer than " + maxChars + " characters");
        }
        String clean = clean(raw);
        if (clean.isBlank()) {
            return new AudioClip(RATE, new short[0]);
        }
        Key key = new Key(clean, EspeakVoices.resolve(voice, language));
        AudioClip cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        if (!available()) {
            throw new PromptFailure("text to speech is not available (" + command + " cannot be run)");
        }
        AudioClip clip = synthesize(key);
        cache.put(key, clip);
        return clip;
    }

    /** {@code text} without control characters; line breaks and tabs become spaces. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (!Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    private AudioClip synthesize(Key key) throws PromptFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!running.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new PromptFailure("text to speech busy: no speech within " + Wording.duration(timeout));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PromptFailure("text to speech interrupted");
        }
        try {
            byte[] wav = run(List.of(command, "--stdout", "-b", "1", "-v", key.voice()),
                    key.text().getBytes(StandardCharsets.UTF_8), maxOutputBytes, deadline, timeout);
            if (wav == null) {
                throw new PromptFailure("speech longer than " + (maxOutputBytes / 2 / RATE) + " s");
            }
            return WavFile.read(wav);
        } catch (UnsupportedAudio e) {
            throw new PromptFailure("text to speech gave no audio (" + e.getMessage() + ")");
        } finally {
            running.release();
        }
    }

    /**
     * Runs {@code argv} with {@code input} on stdin and returns its stdout, or null when that
     * exceeds {@code limit} bytes; the process never outlives the call, which ends by {@code deadline}
     * ({@code timeout} after the start, as the failure says).
     */
    private byte[] run(List<String> argv, byte[] input, long limit, long deadline, Duration timeout)
            throws PromptFailure {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new PromptFailure("text to speech failed: cannot run " + command);
        }
        try {
            CompletableFuture<byte[]> output = new CompletableFuture<>();
            Thread.ofVirtual().name("espeak-out").start(() -> output.complete(readAtMost(process.getInputStream(), limit)));
            Thread.ofVirtual().name("espeak-in").start(() -> writeAndClose(process.getOutputStream(), input));
            byte[] bytes = output.get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
            if (bytes == null) {
                return null;
            }
            if (!process.waitFor(remainingNanos(deadline), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException();
            }
            if (process.exitValue() != 0) {
                throw new PromptFailure("text to speech failed (exit " + process.exitValue() + ")");
            }
            return bytes;
        } catch (TimeoutException e) {
            throw new PromptFailure("no speech within " + Wording.duration(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PromptFailure("text to speech interrupted");
        } catch (ExecutionException e) {
            throw new PromptFailure("text to speech failed: " + e.getCause().getClass().getSimpleName());
        } finally {
            // A wrapper script's children would keep stdout open; espeak-ng itself has none.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static long remainingNanos(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** Everything {@code in} gives up to {@code limit} bytes, or null past it (or when reading fails). */
    private static byte[] readAtMost(InputStream in, long limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + (long) n > limit) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            // The process was killed under us: whatever waits for this has timed out already.
            return out.toByteArray();
        }
    }

    private static void writeAndClose(OutputStream stdin, byte[] input) {
        try (stdin) {
            stdin.write(input);
        } catch (IOException e) {
            // The process exited or was killed before reading everything; its exit status tells.
        }
    }

    private boolean probe() {
        Duration limit = timeout.compareTo(MIN_PROBE_TIMEOUT) > 0 ? timeout : MIN_PROBE_TIMEOUT;
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            byte[] out = run(List.of(command, "--version"), new byte[0], PROBE_OUTPUT_LIMIT, deadline, limit);
            if (out != null) {
                return true;
            }
            log.warn("text to speech unavailable: '{} --version' wrote more than expected; <Say> prompts will fail", command);
        } catch (PromptFailure e) {
            log.warn("text to speech unavailable ({}): install espeak-ng for <Say> prompts", e.getMessage());
        }
        return false;
    }
}
