package io.custodia.sdk.hashing;

import io.custodia.sdk.manifest.DatasetTree;
import io.custodia.sdk.manifest.Manifest;
import io.custodia.sdk.manifest.ManifestEntry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Scans, then hashes files with a fixed set of workers pulling from one shared queue. */
final class DefaultDatasetHasher implements DatasetHasher {
    /** Progress is reported at most once per this many bytes per worker, and after each file. */
    private static final long PROGRESS_STEP = 1L << 20;

    private final int threads;
    private final HashProgressListener listener;
    private final boolean followSymlinks;
    private final FileContentHasher.ChannelOpener opener;

    DefaultDatasetHasher(final int threads, final HashProgressListener listener, final boolean followSymlinks,
            final FileContentHasher.ChannelOpener opener) {
        this.threads = threads;
        this.listener = listener;
        this.followSymlinks = followSymlinks;
        this.opener = opener;
    }

    @Override
    public DatasetHash hash(final Path root) throws DatasetHashingException {
        Objects.requireNonNull(root, "root");
        final Path dir = resolveRoot(root);
        final DatasetScan scan = new DatasetScanner(followSymlinks).scan(dir);
        if (scan.files().isEmpty()) {
            throw new EmptyDatasetException("no regular file to hash in " + root
                    + describeLeftOut(scan));
        }
        final String[] digests = hashAll(scan);
        final List<ManifestEntry> entries = new ArrayList<>(digests.length);
        for (int i = 0; i < digests.length; i++) {
            final ScannedFile file = scan.files().get(i);
            entries.add(new ManifestEntry(file.path(), file.size(), digests[i]));
        }
        // Entries are already in canonical order; the record re-checks it.
        final Manifest manifest = new Manifest(DatasetTree.ALGORITHM, entries, DatasetTree.root(entries));
        return new DatasetHash(manifest, scan.skipped(), scan.emptyDirectories());
    }

    private static Path resolveRoot(final Path root) throws DatasetHashingException {
        try {
            final Path real = root.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new DatasetHashingException("not a directory: " + root, null, null);
            }
            return real;
        } catch (IOException e) {
            throw new DatasetHashingException("cannot open dataset directory " + root + ": " + e, null, e);
        }
    }

    private static String describeLeftOut(final DatasetScan scan) {
        if (scan.skipped().isEmpty() && scan.emptyDirectories().isEmpty()) {
            return "";
        }
        return " (" + scan.skipped().size() + " links or special files skipped, "
                + scan.emptyDirectories().size() + " empty directories)";
    }

    private String[] hashAll(final DatasetScan scan) throws DatasetHashingException {
        final List<ScannedFile> files = scan.files();
        final String[] digests = new String[files.size()];
        // Largest files first, so one big file does not start last and keep a single core busy alone.
        final Integer[] order = new Integer[files.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> files.get(i).size()).reversed());
        final Progress progress = new Progress(scan.totalBytes(), files.size(), listener);
        final AtomicInteger next = new AtomicInteger();
        final AtomicReference<DatasetHashingException> failure = new AtomicReference<>();
        final int workers = Math.min(threads, files.size());
        // Fewer files than threads: a spare core reads ahead for the big ones.
        final boolean readAhead = threads > workers;
        final Runnable worker = () -> {
            final FileContentHasher hasher = new FileContentHasher(followSymlinks, opener, readAhead);
            final long[] pending = new long[1];
            int index;
            while (failure.get() == null && !Thread.currentThread().isInterrupted()
                    && (index = next.getAndIncrement()) < order.length) {
                final int fileIndex = order[index];
                try {
                    digests[fileIndex] = hasher.hash(files.get(fileIndex), n -> {
                        pending[0] += n;
                        if (pending[0] >= PROGRESS_STEP) {
                            progress.bytes(pending[0]);
                            pending[0] = 0;
                        }
                    });
                    progress.fileDone(pending[0]);
                    pending[0] = 0;
                } catch (DatasetHashingException e) {
                    failure.compareAndSet(null, e);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, new DatasetHashingException(
                            "hashing aborted by " + e, files.get(fileIndex).path(), e));
                }
            }
        };
        runWorkers(worker, workers);
        if (failure.get() != null) {
            throw failure.get();
        }
        return digests;
    }

    private static void runWorkers(final Runnable worker, final int count) throws DatasetHashingException {
        if (count == 1) {
            // No pool for one worker: progress then arrives on the caller's thread.
            worker.run();
            return;
        }
        final AtomicInteger ids = new AtomicInteger();
        final ExecutorService pool = Executors.newFixedThreadPool(count, r -> {
            final Thread thread = new Thread(r, "custodia-hash-" + ids.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            final List<Future<?>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(worker));
            }
            for (final Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetHashingException("hashing interrupted", null, e);
        } catch (ExecutionException e) {
            throw new DatasetHashingException("hashing worker failed: " + e.getCause(), null, e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Shared counters; every update publishes a snapshot to the listener. */
    private static final class Progress {
        private final long bytesTotal;
        private final long filesTotal;
        private final HashProgressListener listener;
        private final AtomicLong bytesDone = new AtomicLong();
        private final AtomicLong filesDone = new AtomicLong();

        Progress(final long bytesTotal, final long filesTotal, final HashProgressListener listener) {
            this.bytesTotal = bytesTotal;
            this.filesTotal = filesTotal;
            this.listener = listener;
        }

        void bytes(final long n) {
            final long bytes = bytesDone.addAndGet(n);
            listener.onProgress(new HashProgress(bytes, bytesTotal, filesDone.get(), filesTotal));
        }

        void fileDone(final long pendingBytes) {
            final long bytes = bytesDone.addAndGet(pendingBytes);
            final long files = filesDone.incrementAndGet();
            listener.onProgress(new HashProgress(bytes, bytesTotal, files, filesTotal));
        }
    }

    static final class DefaultBuilder implements DatasetHasher.Builder {
        private int threads = Runtime.getRuntime().availableProcessors();
        private HashProgressListener listener = HashProgressListener.NONE;
        private boolean followSymlinks;
        private FileContentHasher.ChannelOpener opener = FileChannel::open;

        @Override
        public Builder threads(final int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        @Override
        public Builder progress(final HashProgressListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        @Override
        public Builder followSymlinks(final boolean follow) {
            this.followSymlinks = follow;
            return this;
        }

        /** Test seam: how files are opened. */
        DefaultBuilder opener(final FileContentHasher.ChannelOpener opener) {
            this.opener = Objects.requireNonNull(opener, "opener");
            return this;
        }

        @Override
        public DatasetHasher build() {
            return new DefaultDatasetHasher(threads, listener, followSymlinks, opener);
        }
    }
}
