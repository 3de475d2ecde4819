package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    private static final long SIZE = 1000;

    @Test
    void oneRangeInEachFormIsServedWithinTheBody() {
        assertThat(ByteRange.of("bytes=0-99", SIZE)).isEqualTo(new ByteRange(0, 99));
        assertThat(ByteRange.of("bytes=0-99", SIZE).length()).isEqualTo(100);
        assertThat(ByteRange.of("bytes=900-", SIZE)).isEqualTo(new ByteRange(900, 999));
        assertThat(ByteRange.of("bytes=900-5000", SIZE)).isEqualTo(new ByteRange(900, 999));
        assertThat(ByteRange.of("bytes=-10", SIZE)).isEqualTo(new ByteRange(990, 999));
        assertThat(ByteRange.of("bytes=-5000", SIZE)).isEqualTo(new ByteRange(0, 999));
        assertThat(ByteRange.of("Bytes=5-6", SIZE)).isEqualTo(new ByteRange(5, 6));
    }

    @Test
    void aRangeStartingPastTheEndIsUnsatisfiable() {
        assertThat(ByteRange.of("bytes=1000-", SIZE)).isSameAs(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.of("bytes=1000-2000", SIZE)).isSameAs(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.of("bytes=-0", SIZE)).isSameAs(ByteRange.UNSATISFIABLE);
    }

    @Test
    void anythingElseMeansTheWholeBody() {
        for (String header : new String[] {null, "", "bytes=", "bytes=-", "bytes=abc-", "bytes=5-4", "bytes=1-2,5-6",
                "items=0-1", "bytes=99999999999999999999-", "bytes=1-x", "bytes=+1-2"}) {
            assertThat(ByteRange.of(header, SIZE)).as(String.valueOf(header)).isNull();
        }
    }
}
