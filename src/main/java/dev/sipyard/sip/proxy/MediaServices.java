package dev.sipyard.sip.proxy;

import dev.sipyard.config.MediaConfig;
import dev.sipyard.media.MediaEngine;
import dev.sipyard.media.RecordedAudio;
import dev.sipyard.media.prompt.Prompts;
import dev.sipyard.routing.CallerPolicies;

/**
 * What calls answered by this server use: the RTP engine, prompt rendering (speech, fetched
 * audio), where recordings are kept, and the settings.
 */
public record MediaServices(MediaEngine engine, Prompts prompts, RecordingStore recordings, MediaConfig config,
                     CallerPolicies policies) {

    /** Keeps a finished recording and queues its status callback. */
    public interface RecordingStore {
        /**
         * @param statusCallbackUrl absolute URL to tell (null: none)
         * @return the stored recording's sid and URL
         */
        Stored store(String projectId, String callSid, RecordedAudio audio, String statusCallbackUrl,
                     String statusCallbackMethod) throws Exception;
    }

    public record Stored(String sid, String url, int durationSeconds) {}
}
