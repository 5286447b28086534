package io.custodia.sdk.hashing;

import java.nio.file.Path;

/** A regular file found by the scan, with its size at scan time (used for progress and change checks). */
record ScannedFile(Path file, String path, long size) {
}
