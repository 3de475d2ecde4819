package dev.sipyard.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Looks for secrets in log lines. */
public final class LogScan {
    private LogScan() {}

    /**
     * One description per (line, secret) where the secret appears in the line, naming the line and
     * only the secret's first characters (the report itself must not become a leak).
     */
    public static List<String> leaks(List<String> lines, Collection<String> secrets) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    String hidden = line;
                    for (String s : secrets) {
                        hidden = hidden.replace(s, "<SECRET>");
                    }
                    found.add("line " + (i + 1) + " holds the secret " + secret.substring(0, 3) + "... : "
                            + (hidden.length() > 300 ? hidden.substring(0, 300) + "..." : hidden));
                }
            }
        }
        return found;
    }
}
