package io.custodia.sdk.bench;

import io.custodia.sdk.hashing.DatasetHash;
import io.custodia.sdk.hashing.DatasetHasher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Hashing throughput of {@link DatasetHasher} next to {@code openssl dgst -sha256} on the same data in
 * the same run: one large file, and a directory of many files (openssl over all files one after the
 * other, single-threaded). Generates the data under {@code --dir} (default /tmp/custodia-hash-bench) and
 * deletes it afterwards unless {@code --keep}. See client-sdk/README.md for the command.
 *
 * <p>Data is freshly written, so both tools read from the page cache: this measures hashing, not the
 * disk. Each measurement runs {@code --rounds} times (default 2, the first also warms the JIT) and the
 * best round counts.
 */
public final class HashingBenchmark {
    private static final long MIB = 1L << 20;

    private HashingBenchmark() {}

    public static void main(final String[] args) throws Exception {
        Path base = Path.of("/tmp/custodia-hash-bench");
        long bigBytes = 2048 * MIB;
        int fileCount = 20_000;
        long dirBytes = 2048 * MIB;
        int threads = Runtime.getRuntime().availableProcessors();
        int rounds = 2;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir": base = Path.of(args[++i]); break;
                case "--big-mib": bigBytes = Long.parseLong(args[++i]) * MIB; break;
                case "--files": fileCount = Integer.parseInt(args[++i]); break;
                case "--dir-mib": dirBytes = Long.parseLong(args[++i]) * MIB; break;
                case "--threads": threads = Integer.parseInt(args[++i]); break;
                case "--rounds": rounds = Integer.parseInt(args[++i]); break;
                case "--keep": keep = true; break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final int workers = threads;
        final Path bigDir = base.resolve("big");
        final Path manyDir = base.resolve("many");
        try {
            System.out.printf("cores=%d threads=%d sha_ni=%s java=%s%n", Runtime.getRuntime().availableProcessors(),
                    threads, cpuHasShaNi(), System.getProperty("java.vm.version"));
            System.out.printf("generating %d MiB file and %d files totalling %d MiB under %s%n",
                    bigBytes / MIB, fileCount, dirBytes / MIB, base);
            generateBig(bigDir.resolve("big.bin"), bigBytes);
            final List<Path> many = generateMany(manyDir, fileCount, dirBytes);

            final double opensslBig = best(rounds, () -> openssl(List.of(bigDir.resolve("big.bin"))), bigBytes, "openssl big file");
            final double javaBig = best(rounds, () -> sdk(bigDir, workers), bigBytes, "sdk     big file");
            final double opensslMany = best(rounds, () -> openssl(many), dirBytes, "openssl directory (sequential)");
            final double javaMany1 = best(rounds, () -> sdk(manyDir, 1), dirBytes, "sdk     directory, 1 thread");
            final double javaMany = best(rounds, () -> sdk(manyDir, workers), dirBytes, "sdk     directory, " + threads + " threads");

            System.out.println();
            System.out.printf("large file: sdk %.0f MB/s vs openssl %.0f MB/s = %.2fx (target >= 0.75x) %s%n",
                    javaBig, opensslBig, javaBig / opensslBig, javaBig / opensslBig >= 0.75 ? "PASS" : "FAIL");
            System.out.printf("directory:  sdk %.0f MB/s (%d threads; %.0f MB/s with 1) vs openssl %.0f MB/s = %.2fx"
                    + " (target >= 1.5x) %s%n", javaMany, threads, javaMany1, opensslMany, javaMany / opensslMany,
                    javaMany / opensslMany >= 1.5 ? "PASS" : "FAIL");
        } finally {
            if (!keep) {
                deleteTree(base);
                System.out.println("deleted " + base);
            }
        }
    }

    @FunctionalInterface
    private interface Run {
        void run() throws Exception;
    }

    private static double best(final int rounds, final Run run, final long bytes, final String label) throws Exception {
        double best = 0;
        for (int r = 1; r <= rounds; r++) {
            final long start = System.nanoTime();
            run.run();
            final double seconds = (System.nanoTime() - start) / 1e9;
            final double mbps = bytes / seconds / 1e6;
            System.out.printf("%-36s round %d: %7.3f s  %7.0f MB/s%n", label, r, seconds, mbps);
            best = Math.max(best, mbps);
        }
        return best;
    }

    private static void sdk(final Path dir, final int threads) throws Exception {
        final DatasetHash result = DatasetHasher.builder().threads(threads).build().hash(dir);
        if (result.fileCount() == 0) {
            throw new IllegalStateException("nothing hashed");
        }
    }

    /** openssl over the files one after the other, in batches that fit a command line. */
    private static void openssl(final List<Path> files) throws Exception {
        for (int from = 0; from < files.size(); from += 1000) {
            final List<String> command = new ArrayList<>(List.of("openssl", "dgst", "-sha256"));
            files.subList(from, Math.min(files.size(), from + 1000)).forEach(f -> command.add(f.toString()));
            final Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("openssl failed");
            }
        }
    }

    private static void generateBig(final Path file, final long bytes) throws IOException {
        Files.createDirectories(file.getParent());
        final SplittableRandom random = new SplittableRandom(1);
        final byte[] chunk = new byte[(int) MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += chunk.length) {
                fill(random, chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - written));
            }
        }
    }

    /** Files of varied sizes (half to one and a half times the mean) in 100 subdirectories. */
    private static List<Path> generateMany(final Path dir, final int count, final long totalBytes) throws IOException {
        final SplittableRandom random = new SplittableRandom(2);
        final long mean = totalBytes / count;
        final byte[] content = new byte[(int) (mean * 2)];
        final List<Path> files = new ArrayList<>(count);
        long remaining = totalBytes;
        for (int i = 0; i < count; i++) {
            final long size = i == count - 1 ? remaining : Math.min(remaining, mean / 2 + random.nextLong(mean + 1));
            remaining -= size;
            fill(random, content);
            final Path file = dir.resolve(String.format("d%02d/f%06d.bin", i % 100, i));
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                for (long left = size; left > 0; left -= content.length) {
                    out.write(content, 0, (int) Math.min(left, content.length));
                }
            }
            files.add(file);
        }
        return files;
    }

    private static void fill(final SplittableRandom random, final byte[] bytes) {
        for (int i = 0; i + 8 <= bytes.length; i += 8) {
            long v = random.nextLong();
            for (int b = 0; b < 8; b++) {
                bytes[i + b] = (byte) v;
                v >>>= 8;
            }
        }
    }

    private static String cpuHasShaNi() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo")).contains(" sha_ni") ? "yes" : "no";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(final Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (final Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
