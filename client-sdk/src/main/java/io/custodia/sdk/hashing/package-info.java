/**
 * Hashing a de-identified dataset on the owner's machine: walk a directory, hash every regular file by
 * streaming (in parallel), and produce the {@code sha256-merkle-v1} root, the manifest and its hash.
 *
 * <p>Nothing leaves the machine here; the results are what the owner registers through the gateway.
 * Symbolic links, special files and empty directories are reported, not silently dropped, and a file
 * that changes while it is read fails the run, because a root over a moving target proves nothing.
 */
package io.custodia.sdk.hashing;
