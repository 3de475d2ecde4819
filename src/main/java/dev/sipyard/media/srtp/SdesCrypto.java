package dev.sipyard.media.srtp;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One SDES crypto attribute (RFC 4568): {@code a=crypto:<tag> <suite> inline:<base64 key||salt>[|lifetime][|MKI:len]}.
 * The key lifetime is accepted and not kept (sipyard never re-keys within a call). A master key identifier (MKI) is
 * kept as the bytes that each SRTP packet protected with this key carries before its authentication tag.
 * {@link #toString()} never shows the key.
 *
 * @param tag the attribute's tag, 0..999999999
 * @param suite the crypto suite name, upper case as registered (one of the five in
 *     {@code dev.sipyard.common.Media.CIPHERS})
 * @param keySalt the master key followed by the master salt, of the suite's lengths
 * @param mki the master key identifier as carried in packets; empty when there is none (the usual case)
 */
public record SdesCrypto(int tag, String suite, byte[] keySalt, byte[] mki) {
    private static final Pattern TAG = Pattern.compile("[0-9]{1,9}");
    private static final Pattern LIFETIME = Pattern.compile("(2\\^[0-9]{1,2}|[0-9]{1,20})");
    private static final Pattern MKI = Pattern.compile("([0-9]{1,64}):([0-9]{1,3})");
    private static final int MAX_MKI_LENGTH = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @throws IllegalArgumentException when the tag is out of range, the suite unknown, or the key, salt and MKI
     *     do not have the suite's lengths
     */
    public SdesCrypto {
        CryptoSuite known = CryptoSuite.byName(suite);
        if (known == null) {
            throw new IllegalArgumentException("unknown SRTP crypto suite: " + suite);
        }
        if (tag < 0 || tag > 999_999_999) {
            throw new IllegalArgumentException("crypto tag out of range: " + tag);
        }
        if (keySalt == null || keySalt.length != known.keySaltLength()) {
            throw new IllegalArgumentException(known + " needs a " + known.keySaltLength() + "-byte key and salt");
        }
        if (mki == null || mki.length > MAX_MKI_LENGTH) {
            throw new IllegalArgumentException("MKI length must be 0.." + MAX_MKI_LENGTH);
        }
        suite = known.name();
        keySalt = keySalt.clone();
        mki = mki.clone();
    }

    /** An attribute without an MKI. */
    public SdesCrypto(int tag, String suite, byte[] keySalt) {
        this(tag, suite, keySalt, new byte[0]);
    }

    /**
     * Parses the text after {@code a=crypto:} (a leading {@code a=crypto:} is tolerated too). Lifetime and MKI are
     * accepted; session parameters other than {@code WSH=} and {@code FEC_ORDER=} (and optional ones marked with a
     * leading {@code -}) change how SRTP works and make the attribute unusable. A known suite that sipyard cannot
     * use (see {@link #supported}) still parses.
     *
     * @throws IllegalArgumentException when the attribute is malformed or unusable; the message is one line and
     *     never contains key material
     */
    public static SdesCrypto parse(String attributeValue) {
        if (attributeValue == null) {
            throw new IllegalArgumentException("missing crypto attribute");
        }
        String text = attributeValue.strip();
        if (text.regionMatches(true, 0, "a=crypto:", 0, 9)) {
            text = text.substring(9);
        }
        String[] fields = text.split("[ \t]+");
        if (fields.length < 3 || !TAG.matcher(fields[0]).matches()) {
            throw new IllegalArgumentException("malformed crypto attribute: expected <tag> <suite> inline:<key>");
        }
        CryptoSuite suite = CryptoSuite.byName(fields[1]);
        if (suite == null) {
            throw new IllegalArgumentException("unknown SRTP crypto suite: " + printable(fields[1]));
        }
        for (int i = 3; i < fields.length; i++) {
            checkSessionParameter(fields[i]);
        }
        return parseKey(Integer.parseInt(fields[0]), suite, fields[2]);
    }

    private static SdesCrypto parseKey(int tag, CryptoSuite suite, String keyParams) {
        if (keyParams.contains(";")) {
            throw new IllegalArgumentException("crypto attribute with several keys is not supported");
        }
        if (!keyParams.regionMatches(true, 0, "inline:", 0, 7)) {
            throw new IllegalArgumentException("crypto key method must be inline:");
        }
        String[] parts = keyParams.substring(7).split("\\|", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("malformed crypto key parameters");
        }
        byte[] keySalt;
        try {
            keySalt = Base64.getDecoder().decode(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("crypto key is not valid base64");
        }
        if (keySalt.length != suite.keySaltLength()) {
            throw new IllegalArgumentException(suite + " needs a " + suite.keySaltLength() + "-byte key and salt, got "
                    + keySalt.length);
        }
        byte[] mki = new byte[0];
        for (int i = 1; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            var m = MKI.matcher(parts[i]);
            if (last && m.matches()) {
                mki = mki(m.group(1), Integer.parseInt(m.group(2)));
            } else if (i > 1 || !LIFETIME.matcher(parts[i]).matches()) {
                throw new IllegalArgumentException("malformed crypto key lifetime or MKI: " + printable(parts[i]));
            }
        }
        return new SdesCrypto(tag, suite.name(), keySalt, mki);
    }

    /** The MKI value (a decimal number) as {@code length} big-endian bytes. */
    private static byte[] mki(String value, int length) {
        BigInteger number = new BigInteger(value);
        if (length < 1 || length > MAX_MKI_LENGTH || number.bitLength() > 8 * length) {
            throw new IllegalArgumentException("MKI value does not fit its length");
        }
        byte[] minimal = number.toByteArray(); // may carry a leading sign byte
        byte[] out = new byte[length];
        int copy = Math.min(minimal.length, length);
        System.arraycopy(minimal, minimal.length - copy, out, length - copy, copy);
        return out;
    }

    private static void checkSessionParameter(String parameter) {
        String upper = parameter.toUpperCase(Locale.ROOT);
        if (upper.startsWith("-") || upper.startsWith("WSH=") || upper.startsWith("FEC_ORDER=")) {
            return;
        }
        throw new IllegalArgumentException("unsupported crypto session parameter: " + printable(parameter));
    }

    /** The attribute value (without {@code a=crypto:}), e.g. {@code 1 AES_CM_128_HMAC_SHA1_80 inline:...}. */
    public String format() {
        String text = tag + " " + suite + " inline:" + Base64.getEncoder().encodeToString(keySalt);
        return mki.length == 0 ? text : text + "|" + new BigInteger(1, mki) + ":" + mki.length;
    }

    /**
     * A fresh key and salt from {@link SecureRandom} for {@code suite}, without an MKI.
     *
     * @throws IllegalArgumentException when the suite is unknown or not {@link #supported}
     */
    public static SdesCrypto generate(int tag, String suite) {
        CryptoSuite known = CryptoSuite.byName(suite);
        if (known == null || !known.supported) {
            throw new IllegalArgumentException("SRTP crypto suite not supported: " + suite);
        }
        byte[] keySalt = new byte[known.keySaltLength()];
        RANDOM.nextBytes(keySalt);
        return new SdesCrypto(tag, known.name(), keySalt);
    }

    /**
     * Whether {@link SrtpContext} can protect and unprotect with {@code suite} (case-insensitive): the AES-CM suites
     * with HMAC-SHA1 are; {@code AEAD_AES_256_GCM_8} is not (jitsi-srtp only does GCM with 16-byte tags).
     */
    public static boolean supported(String suite) {
        CryptoSuite known = CryptoSuite.byName(suite);
        return known != null && known.supported;
    }

    @Override
    public byte[] keySalt() {
        return keySalt.clone();
    }

    @Override
    public byte[] mki() {
        return mki.clone();
    }

    CryptoSuite cryptoSuite() {
        return CryptoSuite.valueOf(suite);
    }

    byte[] masterKey() {
        return Arrays.copyOfRange(keySalt, 0, cryptoSuite().keyLength);
    }

    byte[] masterSalt() {
        return Arrays.copyOfRange(keySalt, cryptoSuite().keyLength, keySalt.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SdesCrypto c && tag == c.tag && suite.equals(c.suite)
                && Arrays.equals(keySalt, c.keySalt) && Arrays.equals(mki, c.mki);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tag, suite) * 31 + Arrays.hashCode(keySalt);
    }

    /** Tag and suite only: the key is a secret. */
    @Override
    public String toString() {
        return "SdesCrypto[tag=" + tag + ", suite=" + suite + (mki.length > 0 ? ", mki=" + mki.length + " bytes" : "")
                + ", key=(hidden)]";
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
