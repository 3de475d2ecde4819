package dev.sipyard.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * External SIP peers (sipp, baresip, node + jssip, svcrack). A test that needs one is skipped
 * when it is missing, unless SIPYARD_REQUIRE_PEERS=1 (as CI sets), where a missing peer fails.
 */
public final class Peers {
    private Peers() {}

    public static boolean required() {
        return "1".equals(System.getenv("SIPYARD_REQUIRE_PEERS"));
    }

    /** The absolute path of {@code program} on PATH; skips or fails the test when absent. */
    public static String require(String program) {
        String found = find(program);
        if (found == null) {
            String message = program + " is not installed (apt-get install sip-tester baresip-core sipvicious; "
                    + "npm ci in src/test/js)";
            if (required()) {
                throw new AssertionError(message + " and SIPYARD_REQUIRE_PEERS=1");
            }
            Assumptions.abort(message);
        }
        return found;
    }

    /** Fails or skips (as {@link #require}) unless {@code dir} exists. */
    public static Path requireDir(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            if (required()) {
                throw new AssertionError(what + " missing at " + dir + " and SIPYARD_REQUIRE_PEERS=1");
            }
            Assumptions.abort(what + " missing at " + dir);
        }
        return dir;
    }

    /** src/test/js with its npm packages installed (SignalWire's client among them); skips or fails when absent. */
    public static Path nodePackages() {
        return requireDir(Path.of("src/test/js/node_modules/@signalwire/compatibility-api").toAbsolutePath(),
                "@signalwire/compatibility-api (run npm ci in src/test/js)").getParent().getParent().getParent();
    }

    static String find(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
