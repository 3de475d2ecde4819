package dev.sipyard.media;

import dev.sipyard.media.codec.AudioCodec;
import dev.sipyard.media.codec.Codecs;
import dev.sipyard.media.rtp.RtpPacket;
import dev.sipyard.media.srtp.SdesCrypto;
import dev.sipyard.media.srtp.SrtpContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pays the one-time costs of a codec or SRTP suite on the caller's thread before a stream uses
 * it, not on the shared clock: jitsi-srtp picks its AES implementation by benchmarking on the
 * first packet (close to a second), and a codec's first frames run before the JIT compiled it.
 * Once per JVM and name; failures are left for the real use to report.
 */
final class ColdStart {
    private static final Set<String> warm = ConcurrentHashMap.newKeySet();

    private ColdStart() {}

    static void codec(String name) {
        if (!warm.add("codec:" + name.toUpperCase(java.util.Locale.ROOT))) {
            return;
        }
        try {
            AudioCodec codec = Codecs.create(name);
            short[] frame = new short[codec.frameSamples()];
            for (int i = 0; i < 10; i++) {
                byte[] payload = codec.encode(frame);
                codec.decode(payload, 0, payload.length);
            }
        } catch (RuntimeException e) {
            // the stream's own use will fail the same way, where it is reported
        }
    }

    static void srtp(String suite) {
        if (!warm.add("srtp:" + suite)) {
            return;
        }
        try {
            SdesCrypto a = SdesCrypto.generate(1, suite);
            SdesCrypto b = SdesCrypto.generate(1, suite);
            SrtpContext sender = SrtpContext.of(a, b);
            SrtpContext receiver = SrtpContext.of(b, a);
            byte[] rtp = new RtpPacket(0, false, 1, 0, 1, new byte[160]).toBytes();
            byte[] protectedRtp = sender.protectRtp(rtp, 0, rtp.length);
            if (protectedRtp != null) {
                receiver.unprotectRtp(protectedRtp, 0, protectedRtp.length);
            }
        } catch (RuntimeException e) {
            // as above
        }
    }
}
