/**
 * The dataset manifest (path, size and SHA-256 of every file, as canonical JSON), its hash, and the
 * {@code sha256-merkle-v1} tree over its entries whose root is the dataset's content hash.
 *
 * <p>Kept separate from file-system walking so that an auditor holding only a registered manifest can
 * recompute its root and compare it with a local copy. The exact bytes are specified in
 * {@code docs/hashing.md}.
 */
package io.custodia.sdk.manifest;
