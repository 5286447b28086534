package io.custodia.chaincode.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
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

    private static final Cache<Key, Object> MEMO = Caffeine.newBuilder()
            .maximumWeight(MAX_WEIGHT)
            .weigher((Key key, Object value) -> key.bytes().capacity())
            .build();

    private DecodedValues() {}

    /** Content equality of the bytes, per type (the same JSON may decode to different types). */
    private static final class Key {
        private final Class<?> type;
        private final ByteBuffer bytes;

        Key(final Class<?> type, final ByteBuffer bytes) {
            this.type = type;
            this.bytes = bytes;
        }

        ByteBuffer bytes() {
            return bytes;
        }

        @Override
        public boolean equals(final Object other) {
            return other instanceof Key && ((Key) other).type == type && ((Key) other).bytes.equals(bytes);
        }

        @Override
        public int hashCode() {
            return 31 * type.hashCode() + bytes.hashCode();
        }
    }

    static <T> T decode(final Class<T> type, final byte[] bytes, final Function<byte[], T> decoder) {
        final Object found = MEMO.getIfPresent(new Key(type, ByteBuffer.wrap(bytes)));
        if (found != null) {
            return type.cast(found);
        }
        final T decoded = decoder.apply(bytes);
        // A copy for the key: the caller's array is not ours to keep.
        MEMO.put(new Key(type, ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length))), decoded);
        return decoded;
    }
}
