package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.testing.Peers;
import dev.sipyard.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The console's QR encoder (console/qr.js) against the standard's Reed-Solomon example and an
 * independent decoder: texts sized for every version from 1 to 10, random in content (the seed is
 * printed), plus a non-ASCII one (UTF-8 with its ECI header), each read back by zbarimg exactly.
 */
class ConsoleQrCodeTest {
    /** Byte-mode capacities at level M for versions 1..10; a text of each size needs that version. */
    private static final int[] CAPACITY = {14, 26, 42, 62, 84, 106, 122, 152, 180, 213};
    private static final String URI_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()&=+$,;?/";

    @Test
    void everyVersionFromOneToTenIsReadBackByZbarimg() throws Exception {
        String node = Peers.require("node");
        String zbarimg = Peers.require("zbarimg");
        long seed = System.nanoTime();
        System.out.println("ConsoleQrCodeTest seed " + seed);
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>();
        for (int capacity : CAPACITY) {
            StringBuilder s = new StringBuilder("sip:");
            while (s.length() < capacity) {
                s.append(URI_CHARS.charAt(random.nextInt(URI_CHARS.length())));
            }
            texts.add(s.toString());
        }
        texts.add("sip:jürgen@bücher.example");
        Path dir = Files.createTempDirectory("console-qr");
        Path qrJs = Path.of("src/main/resources/dev/sipyard/console/qr.js").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(node, "qr-images.js", qrJs.toString(), dir.toString()));
        command.addAll(texts);
        var run = Processes.run(command, Path.of("src/test/js").toAbsolutePath(), 30);
        assertThat(run.exit()).as(run.output()).isZero();
        JsonNode out = new ObjectMapper().readTree(run.output().lines().filter(l -> l.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError(run.output())));

        List<Integer> ec = new ArrayList<>();
        out.get("isoEc").forEach(n -> ec.add(n.asInt()));
        assertThat(ec).containsExactly(0xa5, 0x24, 0xd4, 0xc1, 0xed, 0x36, 0xc7, 0x87, 0x2c, 0x55);
        assertThat(out.get("tooLong").asText()).isEqualTo("RangeError");
        for (int i = 0; i < texts.size(); i++) {
            JsonNode image = out.get("images").get(i);
            if (i < CAPACITY.length) {
                assertThat(image.get("version").asInt()).as("version for %d bytes", CAPACITY[i]).isEqualTo(i + 1);
            }
            var decoded = Processes.run(List.of(zbarimg, "-q", "--raw", image.get("file").asText()), dir, 30);
            assertThat(decoded.exit()).as("zbarimg on %s: %s", texts.get(i), decoded.output()).isZero();
            assertThat(decoded.output().lines().filter(l -> l.startsWith("sip:")).toList())
                    .as("seed %d", seed).containsExactly(texts.get(i));
        }
    }
}
