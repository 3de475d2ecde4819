package dev.sipyard.resource;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts stored secrets with AES-256-GCM: a random 12-byte IV per value, a 128-bit tag, and
 * the owning row's id as associated data (a value copied to another row does not decrypt).
 * Stored form: {@code v1.<base64 iv>.<base64 ciphertext and tag>}.
 */
final class CredentialCipher {
    private static final String PREFIX = "v1.";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Supplier<byte[]> key;
    private volatile SecretKeySpec spec;

    /** {@code key} gives the 32-byte key; it is asked once, on first use. */
    CredentialCipher(Supplier<byte[]> key) {
        this.key = key;
    }

    String encrypt(String rowId, String plaintext) {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, rowId, iv, plaintext.getBytes(StandardCharsets.UTF_8));
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + b64.encodeToString(iv) + "." + b64.encodeToString(sealed);
    }

    /** The plaintext; fails (IllegalStateException, without the value) if the stored form was altered or moved. */
    String decrypt(String rowId, String stored) {
        if (stored == null || !stored.startsWith(PREFIX) || stored.indexOf('.', PREFIX.length()) < 0) {
            throw new IllegalStateException("stored secret of " + rowId + " is not in a known format");
        }
        int dot = stored.indexOf('.', PREFIX.length());
        try {
            byte[] iv = Base64.getDecoder().decode(stored.substring(PREFIX.length(), dot));
            byte[] sealed = Base64.getDecoder().decode(stored.substring(dot + 1));
            return new String(run(Cipher.DECRYPT_MODE, rowId, iv, sealed), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored secret of " + rowId + " is not in a known format");
        }
    }

    private byte[] run(int mode, String rowId, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, spec(), new GCMParameterSpec(128, iv));
            cipher.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // the message of a failed decryption names no secret, but keep it out anyway
            throw new IllegalStateException("cannot " + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt")
                    + " the stored secret of " + rowId);
        }
    }

    private SecretKeySpec spec() {
        SecretKeySpec s = spec;
        if (s == null) {
            s = new SecretKeySpec(key.get(), "AES");
            spec = s;
        }
        return s;
    }
}
