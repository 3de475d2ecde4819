package dev.sipyard.media.srtp;

import java.util.Arrays;
import org.jitsi.utils.ByteArrayBuffer;

/** A growable packet buffer for jitsi-srtp, which transforms packets in place and appends or drops tags. */
final class PacketBuffer implements ByteArrayBuffer {
    private byte[] buffer;
    private int offset;
    private int length;

    /** A copy of {@code src[off..off+len)} with room for {@code spare} more bytes. */
    PacketBuffer(byte[] src, int off, int len, int spare) {
        buffer = new byte[len + spare];
        System.arraycopy(src, off, buffer, 0, len);
        length = len;
    }

    byte[] toArray() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int length) {
        this.length = length;
    }

    @Override
    public void setOffset(int offset) {
        this.offset = offset;
    }

    @Override
    public boolean isInvalid() {
        return offset < 0 || length < 0 || offset > buffer.length - length;
    }

    /** Copies {@code len} bytes starting {@code off} bytes into the packet to the start of {@code out}. */
    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        System.arraycopy(buffer, offset + off, out, 0, len);
    }

    /** Makes room for {@code howMuch} more bytes after the packet without changing its length. */
    @Override
    public void grow(int howMuch) {
        if (howMuch > 0 && offset + length + howMuch > buffer.length) {
            byte[] bigger = new byte[length + howMuch];
            System.arraycopy(buffer, offset, bigger, 0, length);
            buffer = bigger;
            offset = 0;
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    /** Drops the last {@code len} bytes. */
    @Override
    public void shrink(int len) {
        if (len > 0) {
            length = Math.max(0, length - len);
        }
    }
}
