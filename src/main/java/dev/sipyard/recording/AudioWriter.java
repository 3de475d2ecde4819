package dev.sipyard.recording;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a recording's WAV bytes to a file the store chose (a temporary one it then moves in place). */
@FunctionalInterface
public interface AudioWriter {
    void writeTo(Path file) throws IOException;
}
