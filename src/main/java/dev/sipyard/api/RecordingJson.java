package dev.sipyard.api;

import dev.sipyard.recording.Recording;
import dev.sipyard.recording.Recordings;
import java.util.LinkedHashMap;
import java.util.Map;

/** Recordings as the Compatibility API (Twilio's Recording resource) shows them. */
final class RecordingJson {
    private RecordingJson() {}

    /**
     * Twilio's Recording fields; null where sipyard has no such fact (price, conference).
     * {@code uri} is the metadata's path ({@code .json}); {@code media_url} is the audio's absolute URL
     * on {@code baseUrl}, without extension (WAV), as RecordingUrl in callbacks.
     */
    static Map<String, Object> compatibility(Recording r, String baseUrl) {
        String path = Recordings.path(r.projectId(), r.sid());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sid", r.sid());
        m.put("account_sid", r.projectId());
        m.put("call_sid", r.callSid());
        m.put("conference_sid", null);
        m.put("channels", r.channels());
        m.put("date_created", CallJson.rfc2822(r.createdAt()));
        m.put("date_updated", CallJson.rfc2822(r.updatedAt()));
        m.put("start_time", CallJson.rfc2822(r.startedAt()));
        m.put("end_time", CallJson.rfc2822(r.createdAt()));
        m.put("duration", String.valueOf(r.durationSeconds()));
        m.put("price", null);
        m.put("price_unit", "USD");
        m.put("source", r.source());
        m.put("status", r.status());
        m.put("error_code", r.errorCode());
        m.put("api_version", CallJson.API_VERSION);
        m.put("encryption_details", null);
        m.put("uri", path + ".json");
        m.put("media_url", baseUrl + path);
        m.put("subresource_uris", Map.of("transcriptions", path + "/Transcriptions.json"));
        return m;
    }
}
