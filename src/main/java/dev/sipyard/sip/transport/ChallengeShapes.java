package dev.sipyard.sip.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The few shapes a 401 takes: its text with the nonce taken out. Every challenge of a realm, to
 * clients offered the same algorithms, has the same shape, so a kept 401 is a shape's number and
 * a nonce ({@link LeanReplyWriter}). At most {@value #MAX} shapes are remembered (a node serving
 * more realms keeps the others' 401s whole).
 */
final class ChallengeShapes {
    static final int MAX = 4096;
    private static final char HOLE = '\0';

    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private final List<String> shapes = new ArrayList<>();

    /** The number of the shape of {@code answer} around {@code nonce}; -1 when no more shapes are remembered. */
    int idOf(String answer, String nonce) {
        if (answer.indexOf(HOLE) >= 0) {
            return -1;
        }
        String shape = answer.replace(nonce, String.valueOf(HOLE));
        Integer id = ids.get(shape);
        if (id != null) {
            return id;
        }
        synchronized (shapes) {
            id = ids.get(shape);
            if (id != null) {
                return id;
            }
            if (shapes.size() >= MAX) {
                return -1;
            }
            shapes.add(shape);
            ids.put(shape, shapes.size() - 1);
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
