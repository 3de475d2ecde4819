package dev.sipyard.sip.transport;

import dev.sipyard.sip.auth.DigestVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The few shapes a 401 takes: its text with the nonce taken out. Every challenge of one kind
 * (realm, algorithms offered, stale) has the same shape, so a kept 401 is a shape's number and a
 * nonce ({@link LeanReplyWriter}). Shapes are found by their kind, so a 401 whose kind is known
 * costs one small map lookup. At most {@value #MAX} shapes are remembered (a node serving more
 * realms keeps the others' 401s whole).
 */
final class ChallengeShapes {
    static final int MAX = 4096;
    private static final char HOLE = '\0';

    private final ConcurrentHashMap<DigestVerifier.Verdict.Challenge.Kind, Integer> ids = new ConcurrentHashMap<>();
    private final List<String> shapes = new ArrayList<>();

    /**
     * The number of the shape of {@code answer}, a challenge of {@code kind}, around {@code nonce};
     * -1 when no more shapes are remembered.
     */
    int idOf(DigestVerifier.Verdict.Challenge.Kind kind, String answer, String nonce) {
        Integer id = ids.get(kind);
        if (id != null) {
            return id;
        }
        if (nonce.isEmpty() || answer.indexOf(HOLE) >= 0) {
            return -1;
        }
        synchronized (shapes) {
            id = ids.get(kind);
            if (id != null) {
                return id;
            }
            if (shapes.size() >= MAX) {
                return -1;
            }
            shapes.add(answer.replace(nonce, String.valueOf(HOLE)));
            ids.put(kind, shapes.size() - 1);
            return shapes.size() - 1;
        }
    }

    /** The answer of shape {@code id} with {@code nonce} put back. */
    String fill(int id, String nonce) {
        String shape;
        synchronized (shapes) {
            shape = shapes.get(id);
        }
        return shape.replace(String.valueOf(HOLE), nonce);
    }
}
