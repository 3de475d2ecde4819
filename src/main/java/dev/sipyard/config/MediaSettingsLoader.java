package dev.sipyard.config;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code SIPYARD_RTP_*} and {@code SIPYARD_TTS_*} settings. */
final class MediaSettingsLoader {
    static final String RTP_ADDR = "SIPYARD_RTP_ADDR";
    static final String RTP_PUBLIC_ADDR = "SIPYARD_RTP_PUBLIC_ADDR";
    static final String RTP_PORTS = "SIPYARD_RTP_PORTS";
    static final String RTP_TIMEOUT = "SIPYARD_RTP_TIMEOUT";
    static final String TTS_COMMAND = "SIPYARD_TTS_COMMAND";
    static final String TTS_MAX_CHARS = "SIPYARD_TTS_MAX_CHARS";
    static final String PLAY_MAX_BYTES = "SIPYARD_PLAY_MAX_BYTES";
    static final String PROMPT_CACHE_BYTES = "SIPYARD_PROMPT_CACHE_BYTES";
    static final String MAX_MEDIA_CALLS = "SIPYARD_MEDIA_MAX_CALLS";
    static final String RT_PRIORITY = "SIPYARD_MEDIA_RT_PRIORITY";

    static final Set<String> KNOWN = Set.of(RTP_ADDR, RTP_PUBLIC_ADDR, RTP_PORTS, RTP_TIMEOUT, TTS_COMMAND,
            TTS_MAX_CHARS, PLAY_MAX_BYTES, PROMPT_CACHE_BYTES, MAX_MEDIA_CALLS, RT_PRIORITY);
    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})\\s*-\\s*(\\d{1,5})");

    private MediaSettingsLoader() {}

    /** {@code sipHost} is the SIP listener's address: RTP binds there unless told otherwise. */
    static MediaConfig load(Map<String, String> values, String sipHost) {
        String bind = values.getOrDefault(RTP_ADDR, sipHost);
        String advertised = values.getOrDefault(RTP_PUBLIC_ADDR, bind);
        if (advertised.equals("0.0.0.0") || advertised.equals("::")) {
            throw new SettingsException(RTP_PUBLIC_ADDR + " must be set when RTP listens on every address ("
                    + RTP_ADDR + "=" + bind + "): phones need one address to send audio to");
        }
        Matcher m = RANGE.matcher(values.getOrDefault(RTP_PORTS, "10000-20000"));
        if (!m.matches()) {
            throw new SettingsException(RTP_PORTS + " must be a range such as 10000-20000");
        }
        int min = Integer.parseInt(m.group(1));
        int max = Integer.parseInt(m.group(2));
        if (min < 1024 || max > 65534 || max - min < 3) {
            throw new SettingsException(RTP_PORTS + "=" + min + "-" + max
                    + " must lie within 1024-65534 and hold at least two port pairs");
        }
        return new MediaConfig(bind, advertised, min, max,
                SettingsLoader.duration(values, RTP_TIMEOUT, java.time.Duration.ofSeconds(60)),
                values.getOrDefault(TTS_COMMAND, "espeak-ng"),
                SettingsLoader.intSetting(values, TTS_MAX_CHARS, 4096, 1, 100_000),
                SettingsLoader.intSetting(values, PLAY_MAX_BYTES, 10 * 1024 * 1024, 1024, 512 * 1024 * 1024),
                SettingsLoader.intSetting(values, PROMPT_CACHE_BYTES, 64 * 1024 * 1024, 0, Integer.MAX_VALUE),
                SettingsLoader.intSetting(values, MAX_MEDIA_CALLS, 2000, 1, 100_000),
                SettingsLoader.intSetting(values, RT_PRIORITY, 10, 0, 99));
    }
}
