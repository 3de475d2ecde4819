package dev.sipyard.sip.proxy;

import dev.sipyard.logging.CallLogContext;
import dev.sipyard.media.MediaStream;
import dev.sipyard.media.PlaybackEnd;
import dev.sipyard.media.RecordedAudio;
import dev.sipyard.media.Recorder;
import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.codec.Tones;
import dev.sipyard.media.prompt.PromptFailure;
import dev.sipyard.routing.Outcome;
import dev.sipyard.routing.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the media steps of one answered call on its own virtual thread: prompts (speech,
 * audio files, DTMF, silence) with DTMF gathering and barge-in, and recordings. Each step's result
 * and timing go to the call log.
 */
final class MediaSteps {
    private static final Logger log = LoggerFactory.getLogger(MediaSteps.class);
    private static final int BEEP_RATE = 8000;
    /** One clip for every call, so that the media engine encodes it once per codec. */
    private static final AudioClip BEEP = new AudioClip(BEEP_RATE, Tones.beep(BEEP_RATE));
    private static final long POLL_MILLIS = 20;

    private final CallServices s;
    private final MediaLeg leg;
    private static final Logger verbs = LoggerFactory.getLogger("dev.sipyard.calls");
    private final String callSid;
    private final String projectId;
    private final LinkedBlockingQueue<Character> keys = new LinkedBlockingQueue<>(256);

    MediaSteps(CallServices s, MediaLeg leg, String callSid, String projectId) {
        this.s = s;
        this.leg = leg;
        this.callSid = callSid;
        this.projectId = projectId;
        leg.stream().onDigit(this::key);
    }

    private void key(char digit) {
        if (!keys.offer(digit)) {
            keys.poll(); // a storm: the oldest key goes
            keys.offer(digit);
        }
        s.callLog().eventQueued(callSid, "dtmf", Map.of("digit", String.valueOf(digit)));
    }

    /** Keys pressed before a step is issued are not its input (a Gather hears only what comes after it began). */
    CompletableFuture<Outcome> play(Step.Play step) {
        keys.clear();
        return onVirtualThread(() -> runPlay(step));
    }

    CompletableFuture<Outcome> record(Step.Record step) {
        keys.clear();
        return onVirtualThread(() -> runRecord(step));
    }

    private CompletableFuture<Outcome> onVirtualThread(Work work) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        Thread.ofVirtual().name("media-" + callSid).start(CallLogContext.wrap(callSid, () -> {
            try {
                leg.acked().get(2, TimeUnit.SECONDS); // phones often open their audio path only then
            } catch (Exception ignored) {
                // no ACK yet: play anyway; the leg hangs up if it never comes
            }
            try {
                result.complete(work.run());
            } catch (Throwable e) {
                log.warn("media step of call {} failed: {}", callSid, e.toString());
                result.completeExceptionally(e);
            }
        }));
        return result;
    }

    /**
     * A media verb is over: into the call log, and one INFO line on {@code dev.sipyard.calls} with the
     * call's CallSid (never the digits gathered: they may be a PIN).
     */
    private void verbDone(Map<String, Object> detail) {
        s.callLog().eventQueued(callSid, "verb", detail);
        if (verbs.isInfoEnabled()) {
            verbs.atInfo().addKeyValue("call_sid", callSid).addKeyValue("verb", detail.get("verb"))
                    .addKeyValue("duration_ms", detail.get("ms")).addKeyValue("ended_by", detail.get("ended_by"))
                    .log("media verb {} of call {} took {} ms{}", detail.get("verb"), callSid, detail.get("ms"),
                            detail.get("ended_by") == null ? "" : ", ended by " + detail.get("ended_by"));
        }
    }

    private interface Work {
        Outcome run() throws Exception;
    }

    private Outcome runPlay(Step.Play step) throws InterruptedException {
        long started = System.currentTimeMillis();
        Step.Collect collect = step.collect();
        StringBuilder digits = new StringBuilder();
        String endedBy = "prompts-ended";
        boolean interrupted = false;
        for (Step.Prompt prompt : step.prompts()) {
            if (leg.over() || (collect != null && collect.bargeIn() && !keys.isEmpty())) {
                interrupted = !leg.over();
                break;
            }
            if (!playOne(prompt, collect != null && collect.bargeIn())) {
                interrupted = true;
                break;
            }
        }
        if (collect != null && !leg.over()) {
            endedBy = gather(collect, digits);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("verb", collect == null ? "play" : "gather");
        detail.put("prompts", step.prompts().size());
        detail.put("ms", System.currentTimeMillis() - started);
        if (collect != null) {
            detail.put("digits", digits.toString());
            detail.put("ended_by", endedBy);
            detail.put("barged_in", interrupted);
        }
        verbDone(detail);
        return new Outcome.Played(digits.toString(), endedBy);
    }

    /** Plays one prompt; false when a key stopped it. */
    private boolean playOne(Step.Prompt prompt, boolean stopOnKey) {
        MediaStream stream = leg.stream();
        if (prompt instanceof Step.Prompt.Digits d) {
            stream.sendDigits(d.digits()).join();
            return true;
        }
        AudioClip clip;
        long t0 = System.currentTimeMillis();
        try {
            clip = s.media().prompts().render(prompt);
        } catch (PromptFailure e) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("verb", prompt instanceof Step.Prompt.Speech ? "say" : "play");
            detail.put("error", e.getMessage());
            s.callLog().eventQueued(callSid, "media_error", detail);
            log.info("prompt of call {} failed: {}", callSid, e.getMessage());
            return true;
        }
        long renderMs = System.currentTimeMillis() - t0;
        if (renderMs > 500) {
            log.debug("prompt of call {} took {} ms to render", callSid, renderMs);
        }
        PlaybackEnd end = stream.play(List.of(clip), stopOnKey).join();
        return !end.interrupted();
    }

    /** Waits for the keys the step asks for; returns what ended the input. */
    private String gather(Step.Collect collect, StringBuilder digits) throws InterruptedException {
        long timeoutMillis = Math.max(1, collect.timeoutSeconds()) * 1000L;
        while (!leg.over()) {
            Character key = keys.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (key == null) {
                return leg.over() ? "hangup" : "timeout";
            }
            if (collect.finishOnKeys().indexOf(key) >= 0) {
                return "finish-key";
            }
            digits.append(key);
            if (digits.length() >= collect.maxDigits()) {
                return "max-digits";
            }
        }
        return "hangup";
    }

    private Outcome runRecord(Step.Record step) throws Exception {
        MediaStream stream = leg.stream();
        if (step.playBeep()) {
            stream.play(List.of(BEEP), false).join();
        }
        long started = System.currentTimeMillis();
        Recorder recorder = stream.record();
        long maxMillis = Math.max(1, step.maxLengthSeconds()) * 1000L;
        long silenceMillis = step.silenceTimeoutSeconds() * 1000L;
        String endKey = "";
        String endedBy = "hangup";
        while (!leg.over()) {
            Character key = keys.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (key != null && step.finishOnKeys().indexOf(key) >= 0) {
                endKey = String.valueOf(key);
                endedBy = "finish-key";
                break;
            }
            // the clock bounds it too: a caller whose audio stops must not hold the recording open
            if (recorder.recordedMillis() >= maxMillis || System.currentTimeMillis() - started >= maxMillis) {
                endedBy = "max-length";
                break;
            }
            if (silenceMillis > 0 && recorder.trailingSilenceMillis() >= silenceMillis) {
                endedBy = "silence";
                break;
            }
        }
        try (RecordedAudio audio = recorder.stop()) {
            RecordedAudio kept = endedBy.equals("silence")
                    ? audio.truncated(silenceMillis * audio.sampleRate() / 1000) : audio;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("verb", "record");
            detail.put("ms", System.currentTimeMillis() - started);
            detail.put("ended_by", endedBy);
            if (kept.sampleCount() == 0) {
                detail.put("recording_sid", null);
                verbDone(detail);
                return new Outcome.Recorded(null, null, 0, endKey);
            }
            MediaServices.Stored stored = s.media().recordings().store(projectId, callSid, kept,
                    step.statusCallbackUrl(), step.statusCallbackMethod());
            detail.put("recording_sid", stored.sid());
            detail.put("seconds", stored.durationSeconds());
            verbDone(detail);
            return new Outcome.Recorded(stored.sid(), stored.url(), stored.durationSeconds(), endKey);
        }
    }
}
