package io.custodia.ledger.block;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads what {@link BinaryWriter} wrote, refusing truncated or oversized fields. */
public final class BinaryReader {
    private final byte[] data;
    private int position;
    private final int limit;

    public BinaryReader(final byte[] data) {
        this(data, 0, data.length);
    }

    public BinaryReader(final byte[] data, final int offset, final int length) {
        this.data = data;
        this.position = offset;
        this.limit = offset + length;
    }

    private void need(final int count) {
        if (count < 0 || limit - position < count) {
            throw new MalformedBlockException("truncated field at offset " + position);
        }
    }

    public int u8() {
        need(1);
        return data[position++] & 0xff;
    }

    public int u32() {
        need(4);
        final int value = ((data[position] & 0xff) << 24) | ((data[position + 1] & 0xff) << 16)
                | ((data[position + 2] & 0xff) << 8) | (data[position + 3] & 0xff);
        position += 4;
        return value;
    }

    public long u64() {
        final long high = u32() & 0xffffffffL;
        return (high << 32) | (u32() & 0xffffffffL);
    }

    /** A count of following items, checked against what is left so corrupt input cannot allocate wildly. */
    public int count() {
        final int count = u32();
        if (count < 0 || count > limit - position) {
            throw new MalformedBlockException("implausible count " + count + " at offset " + (position - 4));
        }
        return count;
    }

    public byte[] bytes() {
        final int length = u32();
        need(length);
        final byte[] out = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return out;
    }

    /**
     * A UTF-8 string. Malformed UTF-8 is refused rather than replaced: the writer only writes
     * well-formed UTF-8, so anything else is corruption, and replacing it would let two different byte
     * strings decode to the same value.
     */
    public String string() {
        final int length = u32();
        need(length);
        final String out;
        if (isAscii(position, length)) {
            out = new String(data, position, length, StandardCharsets.US_ASCII);
        } else {
            try {
                out = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data, position, length)).toString();
            } catch (CharacterCodingException e) {
                throw new MalformedBlockException("malformed UTF-8 in the text field at offset " + position);
            }
        }
        position += length;
        return out;
    }

    /** A one-byte flag written as 0 or 1; any other value is corruption. */
    public boolean flag() {
        final int value = u8();
        if (value > 1) {
            throw new MalformedBlockException("flag byte " + value + " at offset " + (position - 1) + " is neither 0 nor 1");
        }
        return value == 1;
    }

    private boolean isAscii(final int from, final int length) {
        for (int i = from; i < from + length; i++) {
            if (data[i] < 0) {
                return false;
            }
        }
        return true;
    }

    public boolean atEnd() {
        return position == limit;
    }

    public void requireEnd() {
        if (!atEnd()) {
            throw new MalformedBlockException((limit - position) + " unexpected trailing bytes");
        }
    }
}
