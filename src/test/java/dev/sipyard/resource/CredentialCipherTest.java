package dev.sipyard.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** AES-GCM for stored gateway passwords: round trip, fresh IVs, bound to the row, tamper-evident. */
class CredentialCipherTest {
    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    private final CredentialCipher cipher = new CredentialCipher(() -> KEY);

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        String a = cipher.encrypt("row-1", "pässword 123");
        String b = cipher.encrypt("row-1", "pässword 123");
        assertThat(a).isNotEqualTo(b).startsWith("v1.").doesNotContain("pässword");
        assertThat(Base64.getDecoder().decode(a.split("\\.")[1])).hasSize(12);
        assertThat(cipher.decrypt("row-1", a)).isEqualTo("pässword 123");
        assertThat(cipher.decrypt("row-1", b)).isEqualTo("pässword 123");
    }

    @Test
    void anotherRowAnotherKeyOrAnAlteredValueDoesNotDecrypt() {
        String sealed = cipher.encrypt("row-1", "hunter2-xyzzy");
        assertThatThrownBy(() -> cipher.decrypt("row-2", sealed)).isInstanceOf(IllegalStateException.class)
                .message().doesNotContain("hunter2");
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> new CredentialCipher(() -> otherKey).decrypt("row-1", sealed))
                .isInstanceOf(IllegalStateException.class);
        // one bit of the tag flipped (editing the base64 text could touch only padding bits)
        int dot = sealed.lastIndexOf('.');
        byte[] body = java.util.Base64.getDecoder().decode(sealed.substring(dot + 1));
        body[body.length - 1] ^= 1;
        String flipped = sealed.substring(0, dot + 1) + java.util.Base64.getEncoder().encodeToString(body);
        assertThatThrownBy(() -> cipher.decrypt("row-1", flipped)).isInstanceOf(IllegalStateException.class);
        for (String junk : new String[] {"", "v1.", "v1.!!!.x", "plain", "v2.AAAA.BBBB"}) {
            assertThatThrownBy(() -> cipher.decrypt("row-1", junk)).as(junk).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void theKeyIsFetchedOnceOnFirstUse() {
        AtomicInteger asked = new AtomicInteger();
        CredentialCipher lazy = new CredentialCipher(() -> {
            asked.incrementAndGet();
            return KEY;
        });
        assertThat(asked).hasValue(0);
        lazy.decrypt("r", lazy.encrypt("r", "x"));
        lazy.encrypt("r", "y");
        assertThat(asked).hasValue(1);
    }
}
