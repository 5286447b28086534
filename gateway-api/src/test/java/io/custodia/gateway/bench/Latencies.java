package io.custodia.gateway.bench;

import java.util.Arrays;

/** Exact latency percentiles of a bounded number of samples (sorted once at the end). */
final class Latencies {
    private final long[] nanos;
    private int count;

    Latencies(final int capacity) {
        this.nanos = new long[capacity];
    }

    synchronized void record(final long latencyNanos) {
        if (count < nanos.length) {
            nanos[count++] = latencyNanos;
        }
    }

    synchronized int count() {
        return count;
    }

    /** {@code p} in [0, 100]: the nearest-rank percentile in milliseconds. */
    synchronized double percentileMillis(final double p) {
        if (count == 0) {
            return Double.NaN;
        }
        final long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        final int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }

    String summary() {
        return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms",
                percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(99.9), percentileMillis(100));
    }
}
