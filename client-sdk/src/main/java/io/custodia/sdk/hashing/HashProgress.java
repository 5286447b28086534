package io.custodia.sdk.hashing;

/**
 * A snapshot of hashing progress.
 *
 * <pre>{@code
 * DatasetHasher.builder().progress(p -> bar.set(p.bytesDone(), p.bytesTotal())).build();
 * }</pre>
 *
 * @param bytesDone bytes hashed so far
 * @param bytesTotal bytes of all regular files found (sizes at scan time)
 * @param filesDone files completely hashed so far
 * @param filesTotal regular files found
 */
public record HashProgress(long bytesDone, long bytesTotal, long filesDone, long filesTotal) {
    /** Fraction done in [0, 1], by bytes (1 for an all-empty dataset once every file is done). */
    public double fraction() {
        if (bytesTotal == 0) {
            return filesTotal == 0 ? 1.0 : (double) filesDone / filesTotal;
        }
        return Math.min(1.0, (double) bytesDone / bytesTotal);
    }
}
