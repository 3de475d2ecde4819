package dev.sipyard.media;

/**
 * How a playback ended.
 *
 * @param interrupted true when it was stopped before its end (stopPlayback, a key with stopOnKey,
 *                    a codec change or the stream closing); false when every clip was sent
 */
public record PlaybackEnd(boolean interrupted) {
}
