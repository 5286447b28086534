package io.custodia.sdk.cli;

import io.custodia.sdk.hashing.DatasetHash;
import io.custodia.sdk.hashing.DatasetHasher;
import io.custodia.sdk.hashing.DatasetHashingException;
import io.custodia.sdk.hashing.SkippedEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code custodia hash <dir>}: Merkle root, manifest hash and file count of a dataset directory.
 *
 * <pre>{@code
 * custodia hash ./study-42 --manifest-out manifest.json --json
 * }</pre>
 */
@Command(name = "hash", mixinStandardHelpOptions = true, description = "Hash a dataset directory (sha256-merkle-v1): root, manifest hash, file count.")
public final class HashCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Dataset directory.")
    Path dir;

    @Option(names = "--manifest-out", paramLabel = "FILE", description = "Write the manifest (canonical JSON) to FILE.")
    Path manifestOut;

    @Option(names = "--threads", paramLabel = "N", description = "Hashing threads (default: number of cores).")
    Integer threads;

    @Option(names = "--follow-symlinks", description = "Follow symbolic links (default: report and skip them).")
    boolean followSymlinks;

    @Option(names = "--json", description = "Print machine-readable JSON on stdout.")
    boolean json;

    private final CliContext ctx;

    public HashCommand(final CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws DatasetHashingException, IOException {
        final DatasetHash hash = hash(ctx, dir, threads, followSymlinks);
        if (manifestOut != null) {
            Files.write(manifestOut, hash.manifest().toCanonicalJson());
        }
        if (json) {
            ctx.printJson(summary(hash));
        } else {
            ctx.println("root          " + hash.root());
            ctx.println("manifestHash  " + hash.manifestHash());
            ctx.println("files         " + hash.fileCount());
            ctx.println("bytes         " + hash.totalBytes());
            for (final SkippedEntry skipped : hash.skipped()) {
                ctx.note("skipped " + skipped.path() + " (" + skipped.reason() + ")");
            }
            for (final String empty : hash.emptyDirectories()) {
                ctx.note("empty directory " + empty + " (not part of the root)");
            }
            if (manifestOut != null) {
                ctx.note("manifest written to " + manifestOut);
            }
        }
        return ExitCodes.OK;
    }

    static Map<String, Object> summary(final DatasetHash hash) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("algorithm", hash.algorithm());
        out.put("root", hash.root());
        out.put("manifestHash", hash.manifestHash());
        out.put("fileCount", hash.fileCount());
        out.put("byteSize", hash.totalBytes());
        out.put("skipped", hash.skipped().stream().map(s -> Map.of("path", s.path(), "reason", s.reason().name())).toList());
        out.put("emptyDirectories", hash.emptyDirectories());
        return out;
    }

    /** Hashes {@code dir} with a progress bar; checks the directory first for a clear message. */
    static DatasetHash hash(final CliContext ctx, final Path dir, final Integer threads, final boolean followSymlinks)
            throws DatasetHashingException {
        if (!Files.isDirectory(dir)) {
            throw new CliException(ExitCodes.INPUT, (Files.exists(dir) ? "not a directory: " : "no such directory: ") + dir);
        }
        if (!Files.isReadable(dir)) {
            throw new CliException(ExitCodes.INPUT, "cannot read directory " + dir + " (permission denied)");
        }
        final ProgressBar bar = ProgressBar.forContext(ctx, "hashing");
        final DatasetHasher.Builder builder = DatasetHasher.builder().progress(bar).followSymlinks(followSymlinks);
        if (threads != null) {
            if (threads < 1) {
                throw new CliException(ExitCodes.USAGE, "--threads must be at least 1");
            }
            builder.threads(threads);
        }
        try {
            return builder.build().hash(dir);
        } finally {
            bar.finish();
        }
    }
}
