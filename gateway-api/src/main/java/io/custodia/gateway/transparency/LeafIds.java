package io.custodia.gateway.transparency;

import io.custodia.canonical.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Finds the leaf of a recorded object by {@code (type, id)}: an open-addressing table from a 64-bit
 * fingerprint ({@code SHA-256(type || 0x00 || id)[:8]}) to leaf index, 16 bytes a slot at most half
 * full (about 320 MB for 10,000,000 leaves). Fingerprints can collide, so callers check the leaf's
 * entry; the table holds every candidate.
 */
final class LeafIds {
    private long[] keys = new long[1024];
    private long[] leaves = new long[1024];
    private int count;

    static long fingerprint(final String type, final String id) {
        final byte[] digest = Hashes.sha256((type + "\u0000" + id).getBytes(StandardCharsets.UTF_8));
        final long value = ByteBuffer.wrap(digest).getLong();
        return value == 0 ? 1 : value;
    }

    synchronized void put(final long fingerprint, final long leaf) {
        if ((count + 1) * 2L > keys.length) {
            grow();
        }
        insert(keys, leaves, fingerprint, leaf);
        count++;
    }

    /** Every leaf whose fingerprint matches, in table order. */
    synchronized void candidates(final long fingerprint, final LongConsumer leaf) {
        final int mask = keys.length - 1;
        for (int slot = slot(fingerprint, mask); keys[slot] != 0; slot = (slot + 1) & mask) {
            if (keys[slot] == fingerprint) {
                leaf.accept(leaves[slot]);
            }
        }
    }

    private void grow() {
        final long[] oldKeys = keys;
        final long[] oldLeaves = leaves;
        keys = new long[oldKeys.length * 2];
        leaves = new long[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                insert(keys, leaves, oldKeys[i], oldLeaves[i]);
            }
        }
        Arrays.fill(oldKeys, 0);
    }

    private static void insert(final long[] keys, final long[] leaves, final long fingerprint, final long leaf) {
        final int mask = keys.length - 1;
        int slot = slot(fingerprint, mask);
        while (keys[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = fingerprint;
        leaves[slot] = leaf;
    }

    private static int slot(final long fingerprint, final int mask) {
        return (int) (fingerprint ^ (fingerprint >>> 32)) & mask;
    }
}
