package dev.sipyard.media;

import static dev.sipyard.media.MediaFixtures.TELEPHONE_EVENT;
import static dev.sipyard.testing.Await.until;
import static dev.sipyard.media.MediaFixtures.pcmu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.codec.Goertzel;
import dev.sipyard.media.codec.Tones;
import dev.sipyard.testing.RtpPeer;
import org.junit.jupiter.api.Test;

class MediaStreamRecordTest {

    @Test
    void theRecorderHoldsWhatThePeerSent() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer();
             MediaStream stream = engine.open()) {
            stream.start(pcmu(peer, TELEPHONE_EVENT), "127.0.0.1");
            Recorder recorder = stream.record();
            peer.target(stream.localPort());

            peer.send(Tones.sine(8000, 1000, 600, 0.5));
            peer.send(new short[8000 * 6 / 10]);
            until("1.2 s recorded", () -> recorder.recordedMillis() >= 1200);
            long trailing = recorder.trailingSilenceMillis();
            RecordedAudio recorded = recorder.stop();
            AudioClip clip = recorded.clip();

            assertThat(clip.sampleRate()).isEqualTo(8000);
            assertThat(clip.samples()).hasSize(9600);
            assertThat(Goertzel.dominantFrequency(clip.samples(), 8000, 300, 3400)).isCloseTo(1000, within(10.0));
            assertThat(Goertzel.rms(clip.samples(), 0, 4800)).isGreaterThan(10_000);
            assertThat(Goertzel.rms(clip.samples(), 4800, 4800)).isLessThan(100);
            assertThat(trailing).isGreaterThanOrEqualTo(600);
            assertThat(recorder.stop()).isSameAs(recorded);
        }
    }
}
