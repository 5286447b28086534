package io.custodia.chaincode.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Decoded values of immutable types, memoised by their exact stored bytes.
 *
 * <p>Why: an access decision reads every subject's active-consent set, and decoding those JSON
 * documents was 10% of a 100-subject PERMIT's CPU while the sets change only when a consent is
 * granted or revoked. Equal bytes decode to equal values, so handing out one shared instance for
 * them is invisible to the transaction logic: results stay a function of the state read, on every
 * peer, whatever the memo holds (chaincode must be deterministic). Only types whose instances are
 * deeply immutable may be decoded through here.
 */
final class DecodedValues {
    /** Bytes held, roughly; a decoded value costs a few times its JSON, so this bounds ~100 MB. */
    private static final long MAX_WEIGHT = 32L << 20;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final Cache<Key, Object> MEMO = Caffeine.newBuilder()
            .maximumWeight(MAX_WEIGHT)
            .weigher((Key key, Object value) -> key.size())
            .build();

    private DecodedValues() {}

    /** Content equality of the bytes, per type (the same JSON may decode to different types). */
    private static final class Key {
        private final Class<?> type;
        private final byte[] bytes;
        private final int hash;

        Key(final Class<?> type, final byte[] bytes) {
            this.type = type;
            this.bytes = bytes;
            this.hash = 31 * type.hashCode() + contentHash(bytes);
        }

        int size() {
            return bytes.length;
        }

        @Override
        public boolean equals(final Object other) {
            if (!(other instanceof Key)) {
                return false;
            }
            final Key key = (Key) other;
            return key.hash == hash && key.type == type && Arrays.equals(key.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * A hash of the bytes eight at a time. {@code ByteBuffer.hashCode} goes byte by byte and was 2% of
     * a 100-subject PERMIT's CPU (a consent set is ~1 KB); equality is still checked in full.
     */
    static int contentHash(final byte[] bytes) {
        long h = bytes.length;
        int i = 0;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            h = (h + (long) LONGS.get(bytes, i)) * 0x9E3779B97F4A7C15L;
        }
        for (; i < bytes.length; i++) {
            h = (h + bytes[i]) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 32));
    }

    static <T> T decode(final Class<T> type, final byte[] bytes, final Function<byte[], T> decoder) {
        final Key probe = new Key(type, bytes);
        final Object found = MEMO.getIfPresent(probe);
        if (found != null) {
            return type.cast(found);
        }
        final T decoded = decoder.apply(bytes);
        // A copy for the key: the caller's array is not ours to keep.
        MEMO.put(new Key(type, Arrays.copyOf(bytes, bytes.length)), decoded);
        return decoded;
    }
}
