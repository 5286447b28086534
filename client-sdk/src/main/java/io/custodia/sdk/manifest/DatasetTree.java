package io.custodia.sdk.manifest;

import io.custodia.canonical.Hashes;
import io.custodia.canonical.MerkleTree;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code sha256-merkle-v1} tree: one RFC 6962 leaf per file, leaves in canonical path order.
 *
 * <p>Leaf data is a sequence of length-prefixed fields (4-byte big-endian length, then the bytes):
 * the tag {@code "custodia.file.v1"}, the path in UTF-8, the size as an 8-byte big-endian integer and
 * the 32-byte content digest. Length prefixes make the encoding unambiguous (a path can never run into
 * the size), and the tag keeps file leaves apart from any other leaf Custodia hashes. The leaf hash
 * and the tree shape are {@link MerkleTree}'s.
 *
 * <pre>{@code
 * String root = DatasetTree.root(manifest.files());
 * }</pre>
 */
public final class DatasetTree {
    /** Algorithm identifier recorded on the ledger next to the root. */
    public static final String ALGORITHM = "sha256-merkle-v1";
    /** Tag opening every file leaf. */
    public static final String LEAF_TAG = "custodia.file.v1";

    private DatasetTree() {}

    /** The exact leaf data of {@code entry} (before the RFC 6962 0x00 prefix). */
    public static byte[] leafData(final ManifestEntry entry) {
        Objects.requireNonNull(entry, "entry");
        final ByteArrayOutputStream out = new ByteArrayOutputStream(96 + entry.path().length() * 3);
        writeField(out, LEAF_TAG.getBytes(StandardCharsets.UTF_8));
        writeField(out, entry.path().getBytes(StandardCharsets.UTF_8));
        writeField(out, ByteBuffer.allocate(Long.BYTES).putLong(entry.size()).array());
        writeField(out, Hashes.fromHex(entry.sha256()));
        return out.toByteArray();
    }

    /** {@code SHA-256(0x00 || leafData(entry))}. */
    public static byte[] leafHash(final ManifestEntry entry) {
        return MerkleTree.leafHash(leafData(entry));
    }

    /** Root over raw leaf hashes in the given order: the content hash or a subject's items root. */
    public static byte[] rootOfLeaves(final List<byte[]> leafHashes) {
        return MerkleTree.rootOfLeafHashes(leafHashes);
    }

    /**
     * Lower-case hex root over {@code entries}, which must already be in canonical order.
     *
     * @throws IllegalArgumentException when entries are out of order or a path repeats
     */
    public static String root(final List<ManifestEntry> entries) {
        requireCanonicalOrder(entries);
        final List<byte[]> leaves = new ArrayList<>(entries.size());
        for (final ManifestEntry entry : entries) {
            leaves.add(leafHash(entry));
        }
        return Hashes.hex(MerkleTree.rootOfLeafHashes(leaves));
    }

    static void requireCanonicalOrder(final List<ManifestEntry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            final int cmp = CanonicalPaths.ORDER.compare(entries.get(i - 1).path(), entries.get(i).path());
            if (cmp >= 0) {
                throw new IllegalArgumentException((cmp == 0 ? "duplicate path " : "paths out of canonical order at ")
                        + entries.get(i).path());
            }
        }
    }

    private static void writeField(final ByteArrayOutputStream out, final byte[] field) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(field.length).array());
        out.writeBytes(field);
    }
}
