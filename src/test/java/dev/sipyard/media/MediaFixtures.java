package dev.sipyard.media;

import dev.sipyard.media.codec.Goertzel;
import dev.sipyard.media.sdp.Negotiation;
import dev.sipyard.media.srtp.SdesCrypto;
import dev.sipyard.testing.RtpPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Engines on a random port range of loopback, negotiations towards an {@link RtpPeer}, waiting. */
final class MediaFixtures {
    static final int TELEPHONE_EVENT = 101;

    private MediaFixtures() {}

    static MediaEngine engine() {
        return engine(64, Duration.ZERO);
    }

    static MediaEngine engine(int ports, Duration rtpTimeout) {
        // below Linux's ephemeral range, so test peers on port 0 never collide with it
        int base = 20_000 + 2 * ThreadLocalRandom.current().nextInt(5_000);
        System.out.println("media ports " + base + "-" + (base + ports - 1));
        return new MediaEngine(new MediaSettings("127.0.0.1", "127.0.0.1", base, base + ports - 1, rtpTimeout));
    }

    static Negotiation pcmu(RtpPeer peer, int telephoneEventPt) {
        return negotiation("PCMU", 0, peer.localAddress(), telephoneEventPt, null, null);
    }

    static Negotiation negotiation(String codec, int pt, InetSocketAddress remote, int telephoneEventPt,
                                   SdesCrypto remoteCrypto, SdesCrypto localCrypto) {
        int clockRate = codec.equals("OPUS") ? 48_000 : 8_000;
        return new Negotiation(codec, pt, clockRate, telephoneEventPt, remote, remoteCrypto, localCrypto, 0,
                "sendrecv");
    }

    static InetSocketAddress address(MediaStream stream) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), stream.localPort());
    }

    /** Whether a received packet carries sound (not silence). */
    static boolean loud(RtpPeer.Received r) {
        short[] pcm = decode(r);
        return pcm.length > 0 && Goertzel.rms(pcm, 0, pcm.length) > 1_000;
    }

    static short[] decode(RtpPeer.Received r) {
        byte[] payload = r.packet().payload();
        short[] pcm = new short[payload.length];
        boolean alaw = r.packet().payloadType() == 8;
        if (r.packet().payloadType() != 0 && !alaw) {
            return new short[0];
        }
        for (int i = 0; i < payload.length; i++) {
            pcm[i] = alaw ? dev.sipyard.media.codec.G711.fromAlaw(payload[i])
                    : dev.sipyard.media.codec.G711.fromUlaw(payload[i]);
        }
        return pcm;
    }

    /** The decoded audio of the loud packets, in arrival order. */
    static short[] loudAudio(List<RtpPeer.Received> received) {
        return concat(received.stream().filter(MediaFixtures::loud).map(MediaFixtures::decode).toList());
    }

    static short[] concat(List<short[]> parts) {
        int total = parts.stream().mapToInt(p -> p.length).sum();
        short[] out = new short[total];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Prints the spacing of arrivals (for a look at the pacing; never asserted). */
    static void printPacing(String label, List<RtpPeer.Received> received) {
        if (received.size() < 3) {
            return;
        }
        double[] gaps = new double[received.size() - 1];
        double sum = 0;
        double max = 0;
        for (int i = 1; i < received.size(); i++) {
            gaps[i - 1] = (received.get(i).arrivalNanos() - received.get(i - 1).arrivalNanos()) / 1e6;
            sum += gaps[i - 1];
            max = Math.max(max, gaps[i - 1]);
        }
        double mean = sum / gaps.length;
        double variance = 0;
        for (double g : gaps) {
            variance += (g - mean) * (g - mean);
        }
        double span = (received.get(received.size() - 1).arrivalNanos() - received.get(0).arrivalNanos()) / 1e6;
        System.out.printf("%s: %d packets over %.1f ms (ideal %d), gap mean %.2f ms, sd %.2f ms, max %.2f ms%n",
                label, received.size(), span, (received.size() - 1) * 20, mean,
                Math.sqrt(variance / gaps.length), max);
    }
}
