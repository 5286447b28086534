package io.custodia.sdk.client;

import java.util.Objects;

/**
 * A dataset's content hash: algorithm and Merkle root ({@code docs/hashing.md}).
 *
 * <pre>{@code
 * ContentHash h = ContentHash.merkle(datasetHash.root());
 * }</pre>
 *
 * @param algorithm {@value #SHA256_MERKLE_V1}
 * @param root lower-case hex root
 */
public record ContentHash(String algorithm, String root) {
    /** The one algorithm defined so far. */
    public static final String SHA256_MERKLE_V1 = "sha256-merkle-v1";

    public ContentHash {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(root, "root");
    }

    /** A {@value #SHA256_MERKLE_V1} root. */
    public static ContentHash merkle(final String root) {
        return new ContentHash(SHA256_MERKLE_V1, root);
    }
}
