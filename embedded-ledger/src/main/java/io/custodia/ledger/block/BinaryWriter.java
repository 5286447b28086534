package io.custodia.ledger.block;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Big-endian, length-prefixed binary encoding. Every variable-size field carries its length, so two
 * different values never encode to the same bytes (no ambiguous concatenation).
 */
public final class BinaryWriter {
    private byte[] buffer;
    private int size;

    public BinaryWriter() {
        this(256);
    }

    public BinaryWriter(final int capacity) {
        this.buffer = new byte[Math.max(16, capacity)];
    }

    private void ensure(final int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }

    public BinaryWriter u8(final int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public BinaryWriter u32(final int value) {
        ensure(4);
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    public BinaryWriter u64(final long value) {
        u32((int) (value >>> 32));
        return u32((int) value);
    }

    /** A length-prefixed byte string. */
    public BinaryWriter bytes(final byte[] value) {
        u32(value.length);
        return raw(value);
    }

    /**
     * A length-prefixed field whose bytes {@code body} writes in place: the same encoding as {@link
     * #bytes} of those bytes, without first building them in an array of their own (a block's
     * transactions are most of its bytes; each was copied three times more that way).
     */
    public BinaryWriter field(final Consumer<BinaryWriter> body) {
        ensure(4);
        final int at = size;
        size += 4;
        body.accept(this);
        final int length = size - at - 4;
        buffer[at] = (byte) (length >>> 24);
        buffer[at + 1] = (byte) (length >>> 16);
        buffer[at + 2] = (byte) (length >>> 8);
        buffer[at + 3] = (byte) length;
        return this;
    }

    /** A length-prefixed UTF-8 string. */
    public BinaryWriter string(final String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes without a length prefix: only for fixed-size fields or framing. */
    public BinaryWriter raw(final byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }
}
