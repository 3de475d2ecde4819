package dev.sipyard.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad input never gets past the parser and the negotiation as anything but MalformedSdp or NotAcceptable.
 * Seeded: the seed is printed, and {@code -Dsdp.fuzz.seed=N} replays a run.
 */
class SdpFuzzTest {
    private static final List<String> VALID = List.of(Offers.BARESIP, Offers.BARESIP_SRTP, Offers.LINPHONE,
            Offers.LINPHONE_SRTP, Offers.ZOIPER, Offers.BRIA_SRTP, Offers.SIPP, Offers.WEBRTC_SDES, Offers.WEBRTC_DTLS);
    private static final List<MediaPolicy> POLICIES = List.of(MediaPolicy.of(List.of(), "default", List.of()),
            MediaPolicy.of(List.of("PCMA", "PCMU"), "required", List.of()),
            MediaPolicy.of(List.of("G722", "OPUS"), "optional", List.of("AES_CM_128_HMAC_SHA1_32")));
    /** Fragments that reach the parser's edges: numbers out of range, addresses, profiles, extra lines. */
    private static final List<String> TRICKY = List.of("99999999999", "-1", "65536", "0", "128", "2^20", "inline:",
            "/", "::", "0.0.0.0", "RTP/SAVP", "\r\nm=audio 1 RTP/AVP 0\r\n", "\r\nc=IN IP6 ::1\r\n",
            "\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Offers.KEY_128_C + "|2^31|1:4\r\n",
            "\r\na=crypto:7 AEAD_AES_256_GCM_8 inline:" + Offers.KEY_256 + "\r\n");
    private static final String SDP_CHARACTERS = "=:/ \r\n\t0123456789abcmovstIPNAVRT.-*;|^@+" + "\u00e9\u0000\u007f";

    private final long seed = Long.getLong("sdp.fuzz.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private int parsed;
    private int negotiated;

    @Test
    void mutatedOffersAreParsedOrRefused() {
        System.out.println("SdpFuzzTest seed " + seed);
        for (int i = 0; i < 4000; i++) {
            String text = VALID.get(random.nextInt(VALID.size()));
            int mutations = 1 + random.nextInt(5);
            for (int m = 0; m < mutations; m++) {
                text = mutate(text);
            }
            exercise(text);
        }
        assertThat(parsed).as("seed %d: some mutants still parse", seed).isPositive();
        assertThat(negotiated).as("seed %d: some mutants still negotiate", seed).isPositive();
    }

    @Test
    void randomBytesAreRefused() {
        System.out.println("SdpFuzzTest seed " + seed);
        for (int i = 0; i < 1500; i++) {
            byte[] bytes = new byte[random.nextInt(600)];
            random.nextBytes(bytes);
            String text = random.nextBoolean() ? new String(bytes, StandardCharsets.ISO_8859_1)
                    : new String(bytes, StandardCharsets.UTF_8);
            exercise(text);
            exercise("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\n" + text);
            exercise("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 0 8 96\r\na=" + text);
        }
    }

    private void exercise(String text) {
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(text);
        } catch (MalformedSdp expected) {
            assertThat(expected.getMessage()).as("seed %d", seed).isNotBlank().doesNotContain("\n", "\r");
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ": parse threw " + e + " for " + quoted(text), e);
        }
        parsed++;
        for (MediaPolicy policy : POLICIES) {
            try {
                Negotiation n = OfferAnswer.answer(sdp, policy);
                negotiated++;
                SessionDescription.parse(OfferAnswer.answerSdp(sdp, n, "10.9.9.9", 20000, 1, 1));
                OfferAnswer.accept(sdp, policy, null);
            } catch (NotAcceptable expected) {
                assertThat(expected.getMessage()).as("seed %d", seed).isNotBlank().doesNotContain("\n", "\r");
            } catch (MalformedSdp e) {
                fail("seed " + seed + ": our own answer does not parse (" + e.getMessage() + ") for " + quoted(text));
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": negotiation threw " + e + " for " + quoted(text), e);
            }
        }
    }

    private String mutate(String text) {
        if (text.isEmpty()) {
            return randomText(10);
        }
        int at = random.nextInt(text.length());
        return switch (random.nextInt(8)) {
            case 0 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(20)));
            case 1 -> text.substring(0, at) + randomText(1 + random.nextInt(8)) + text.substring(at);
            case 2 -> text.substring(0, at) + randomText(1) + text.substring(at + 1);
            case 3 -> text.substring(0, at);
            case 4 -> text.substring(0, at) + TRICKY.get(random.nextInt(TRICKY.size())) + text.substring(at);
            case 5 -> shuffleLines(text);
            case 6 -> duplicateLine(text);
            default -> text.replace("\r\n", "\n");
        };
    }

    private String randomText(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(SDP_CHARACTERS.charAt(random.nextInt(SDP_CHARACTERS.length())));
        }
        return out.toString();
    }

    private String shuffleLines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r\n", -1)));
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        String line = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, line);
        return String.join("\r\n", lines);
    }

    private String duplicateLine(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r\n", -1)));
        int a = random.nextInt(lines.size());
        for (int i = random.nextInt(20); i >= 0; i--) {
            lines.add(a, lines.get(a));
        }
        return String.join("\r\n", lines);
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.append('"').toString();
    }
}
