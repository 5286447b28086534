package io.custodia.canonical;

import java.util.Base64;
import java.util.Objects;

/**
 * The body of a C2SP tlog-checkpoint: origin line (the log's name), decimal tree size, base64 RFC
 * 6962 root hash, each newline-terminated (no extension lines). Signed as a {@link SignedNote}.
 */
public final class Checkpoint {
    private final String origin;
    private final long size;
    private final byte[] rootHash;

    public Checkpoint(final String origin, final long size, final byte[] rootHash) {
        Objects.requireNonNull(origin, "origin");
        if (origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("origin is one non-empty line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("tree size must not be negative");
        }
        if (rootHash == null || rootHash.length != 32) {
            throw new IllegalArgumentException("root hash is 32 bytes");
        }
        this.origin = origin;
        this.size = size;
        this.rootHash = rootHash.clone();
    }

    public String origin() {
        return origin;
    }

    public long size() {
        return size;
    }

    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The note text. */
    public String text() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /** Parses checkpoint text; extension lines are refused (this log writes none). */
    public static Checkpoint parse(final String text) {
        final String[] lines = Objects.requireNonNull(text, "text").split("\n", -1);
        if (lines.length != 4 || !lines[3].isEmpty()) {
            throw new IllegalArgumentException("a checkpoint is exactly three lines: origin, size, root hash");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("tree size is a decimal with no leading zeros");
        }
        final byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("root hash is not base64", e);
        }
        if (!Base64.getEncoder().encodeToString(root).equals(lines[2])) {
            throw new IllegalArgumentException("root hash is not canonical base64");
        }
        return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
    }

    @Override
    public boolean equals(final Object other) {
        if (!(other instanceof Checkpoint)) {
            return false;
        }
        final Checkpoint o = (Checkpoint) other;
        return o.origin.equals(origin) && o.size == size && java.util.Arrays.equals(o.rootHash, rootHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, size, java.util.Arrays.hashCode(rootHash));
    }

    @Override
    public String toString() {
        return text();
    }
}
