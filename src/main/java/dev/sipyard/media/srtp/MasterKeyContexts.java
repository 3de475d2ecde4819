package dev.sipyard.media.srtp;

import dev.sipyard.media.rtp.Rtcp;
import dev.sipyard.media.rtp.RtpPacket;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;

/**
 * The SRTP and SRTCP crypto contexts of one master key and one direction, one per SSRC (RFC 3711 section 3.2.3).
 * A receiving context is kept only once a packet of its SSRC has authenticated, so forged SSRCs cost no memory.
 */
final class MasterKeyContexts {
    /** At most this many SSRCs per direction; the least recently used is forgotten beyond. */
    private static final int MAX_SSRCS = 16;
    private static final int RTCP_INDEX_LENGTH = 4;

    private final SrtpContextFactory factory;
    private final CryptoSuite suite;
    private final byte[] mki;
    private final Map<Integer, SrtpCryptoContext> rtp = lru();
    private final Map<Integer, SrtcpCryptoContext> rtcp = lru();

    MasterKeyContexts(SdesCrypto crypto, boolean sender) {
        suite = crypto.cryptoSuite();
        mki = crypto.mki();
        factory = new SrtpContextFactory(sender, crypto.masterKey(), crypto.masterSalt(), suite.srtpPolicy(),
                suite.srtcpPolicy(), JitsiLogger.INSTANCE);
    }

    synchronized byte[] protectRtp(byte[] packet, int off, int len) {
        if (RtpPacket.parse(packet, off, len) == null) {
            return null;
        }
        try {
            int ssrc = readInt(packet, off + 8);
            SrtpCryptoContext context = rtp.get(ssrc);
            if (context == null) {
                context = factory.deriveContext(ssrc, 0);
                rtp.put(ssrc, context);
            }
            PacketBuffer buffer = new PacketBuffer(packet, off, len, suite.srtpTagLength + mki.length);
            return context.transformPacket(buffer) == SrtpErrorStatus.OK
                    ? insertMki(buffer.toArray(), suite.srtpTagLength)
                    : null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    synchronized byte[] unprotectRtp(byte[] packet, int off, int len) {
        int authenticated = len - suite.srtpTagLength - mki.length;
        if (!validRange(packet, off, len) || authenticated < rtpHeaderLength(packet, off, authenticated)) {
            return null;
        }
        PacketBuffer buffer = withoutMki(packet, off, len, suite.srtpTagLength);
        if (buffer == null) {
            return null;
        }
        try {
            int ssrc = readInt(packet, off + 8);
            SrtpCryptoContext known = rtp.get(ssrc);
            SrtpCryptoContext context = known != null ? known : factory.deriveContext(ssrc, 0);
            if (context.reverseTransformPacket(buffer, false) != SrtpErrorStatus.OK) {
                return null;
            }
            if (known == null) {
                rtp.put(ssrc, context);
            }
            return buffer.toArray();
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    synchronized byte[] protectRtcp(byte[] packet, int off, int len) {
        if (!Rtcp.isRtcp(packet, off, len)) {
            return null;
        }
        try {
            int ssrc = readInt(packet, off + 4);
            SrtcpCryptoContext context = rtcp.get(ssrc);
            if (context == null) {
                context = factory.deriveControlContext(ssrc);
                rtcp.put(ssrc, context);
            }
            PacketBuffer buffer = new PacketBuffer(packet, off, len,
                    RTCP_INDEX_LENGTH + suite.srtcpTagLength + mki.length);
            return context.transformPacket(buffer) == SrtpErrorStatus.OK
                    ? insertMki(buffer.toArray(), suite.srtcpTagLength)
                    : null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    synchronized byte[] unprotectRtcp(byte[] packet, int off, int len) {
        if (!Rtcp.isRtcp(packet, off, len) || len < 8 + RTCP_INDEX_LENGTH + suite.srtcpTagLength + mki.length) {
            return null;
        }
        PacketBuffer buffer = withoutMki(packet, off, len, suite.srtcpTagLength);
        if (buffer == null) {
            return null;
        }
        try {
            int ssrc = readInt(packet, off + 4);
            SrtcpCryptoContext known = rtcp.get(ssrc);
            SrtcpCryptoContext context = known != null ? known : factory.deriveControlContext(ssrc);
            if (context.reverseTransformPacket(buffer) != SrtpErrorStatus.OK) {
                return null;
            }
            if (known == null) {
                rtcp.put(ssrc, context);
            }
            return buffer.toArray();
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /** The MKI sits between the authenticated portion and the tag (RFC 3711 section 3.1), outside the MAC. */
    private byte[] insertMki(byte[] packet, int tagLength) {
        if (mki.length == 0) {
            return packet;
        }
        byte[] out = new byte[packet.length + mki.length];
        int tagAt = packet.length - tagLength;
        System.arraycopy(packet, 0, out, 0, tagAt);
        System.arraycopy(mki, 0, out, tagAt, mki.length);
        System.arraycopy(packet, tagAt, out, tagAt + mki.length, tagLength);
        return out;
    }

    /** The packet without its MKI, for jitsi-srtp; null when the MKI is not ours (another key's packet). */
    private PacketBuffer withoutMki(byte[] packet, int off, int len, int tagLength) {
        int mkiAt = off + len - tagLength - mki.length;
        if (mki.length == 0) {
            return new PacketBuffer(packet, off, len, 0);
        }
        if (!Arrays.equals(packet, mkiAt, mkiAt + mki.length, mki, 0, mki.length)) {
            return null;
        }
        byte[] joined = new byte[len - mki.length];
        System.arraycopy(packet, off, joined, 0, mkiAt - off);
        System.arraycopy(packet, mkiAt + mki.length, joined, mkiAt - off, tagLength);
        return new PacketBuffer(joined, 0, joined.length, 0);
    }

    /** The RTP header length including CSRCs and extension; more than {@code limit} when they do not fit. */
    private static int rtpHeaderLength(byte[] packet, int off, int limit) {
        if (limit < RtpPacket.HEADER_LENGTH || (packet[off] & 0xC0) != 0x80) {
            return Integer.MAX_VALUE;
        }
        int header = RtpPacket.HEADER_LENGTH + 4 * (packet[off] & 0x0F);
        if ((packet[off] & 0x10) != 0) {
            if (header + 4 > limit) {
                return Integer.MAX_VALUE;
            }
            header += 4 + 4 * ((packet[off + header + 2] & 0xFF) << 8 | (packet[off + header + 3] & 0xFF));
        }
        return header;
    }

    private static boolean validRange(byte[] packet, int off, int len) {
        return packet != null && off >= 0 && len >= 0 && off <= packet.length - len;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static <V> Map<Integer, V> lru() {
        return new LinkedHashMap<>(4, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, V> eldest) {
                return size() > MAX_SSRCS;
            }
        };
    }
}
