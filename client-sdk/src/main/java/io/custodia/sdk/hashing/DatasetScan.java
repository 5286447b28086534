package io.custodia.sdk.hashing;

import java.util.List;

/** What a directory walk found: regular files to hash and what is reported instead. */
record DatasetScan(List<ScannedFile> files, List<SkippedEntry> skipped, List<String> emptyDirectories) {
    long totalBytes() {
        long total = 0;
        for (final ScannedFile file : files) {
            total += file.size();
        }
        return total;
    }
}
