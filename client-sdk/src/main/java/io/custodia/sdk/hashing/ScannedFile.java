package io.custodia.sdk.hashing;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * A regular file found by the scan, with its size, modification time and identity at scan time: the
 * "before" state that hashing compares the file with afterwards.
 */
record ScannedFile(Path file, String path, long size, FileTime lastModified, Object fileKey) {
}
