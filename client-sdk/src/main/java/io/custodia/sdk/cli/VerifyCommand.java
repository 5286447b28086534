package io.custodia.sdk.cli;

import io.custodia.sdk.client.CustodiaException;
import io.custodia.sdk.client.DatasetRecord;
import io.custodia.sdk.hashing.DatasetHashingException;
import io.custodia.sdk.manifest.Manifest;
import io.custodia.sdk.manifest.ManifestFormatException;
import io.custodia.sdk.verify.FileDifference;
import io.custodia.sdk.verify.LocalCopyReport;
import io.custodia.sdk.verify.LocalCopyVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code custodia verify <dir> --dataset <id>}: recomputes a local copy's root and compares it with the
 * ledger's content hash; with {@code --manifest}, names added, removed and changed files. Exit 1 on a
 * mismatch.
 *
 * <pre>{@code
 * custodia verify ./copy --dataset ds-001 --manifest manifest.json
 * custodia verify ./copy --expected-root 3f2a... --manifest manifest.json   # offline
 * }</pre>
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a local copy against the ledger's content hash (or a given root); name differing files with --manifest. Exit 1 on mismatch.")
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Local copy of the dataset.")
    Path dir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Expected expected;

    /** Where the expected root comes from. */
    static final class Expected {
        @Option(names = "--dataset", paramLabel = "ID", required = true, description = "Registered dataset: compare with its ledger contentHash.")
        String datasetId;

        @Option(names = "--expected-root", paramLabel = "HEX", required = true, description = "Compare with this root (offline).")
        String root;
    }

    @Option(names = "--manifest", paramLabel = "FILE", description = "Registered manifest: name added/removed/changed files.")
    Path manifestFile;

    @Option(names = "--threads", paramLabel = "N", description = "Hashing threads.")
    Integer threads;

    @Mixin
    GatewayOptions gateway;

    private final CliContext ctx;

    public VerifyCommand(final CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CustodiaException, DatasetHashingException, IOException, ManifestFormatException {
        if (!Files.isDirectory(dir)) {
            throw new CliException(ExitCodes.INPUT, (Files.exists(dir) ? "not a directory: " : "no such directory: ") + dir);
        }
        final Manifest manifest = manifestFile == null ? null : readManifest(manifestFile);
        final String expectedRoot;
        if (expected.datasetId != null) {
            final DatasetRecord record = gateway.client(ctx).datasets().get(expected.datasetId);
            expectedRoot = record.descriptor().contentHash().root();
            if (manifest != null && !manifest.manifestHash().equals(record.descriptor().manifestHash())) {
                throw new CliException(ExitCodes.MISMATCH, "the manifest " + manifestFile + " is not the registered one: manifestHash "
                        + manifest.manifestHash() + ", ledger " + record.descriptor().manifestHash());
            }
        } else {
            expectedRoot = expected.root.strip().toLowerCase(java.util.Locale.ROOT);
        }
        if (manifest != null && !manifest.root().equals(expectedRoot)) {
            throw new CliException(ExitCodes.MISMATCH, "the manifest " + manifestFile + " has root " + manifest.root()
                    + ", expected " + expectedRoot + ": it describes another dataset");
        }
        final ProgressBar bar = ProgressBar.forContext(ctx, "hashing");
        final LocalCopyVerifier.Builder builder = LocalCopyVerifier.builder().progress(bar);
        if (threads != null) {
            builder.threads(threads);
        }
        final LocalCopyReport report;
        try {
            report = manifest == null ? builder.build().verify(dir, expectedRoot) : builder.build().verify(dir, manifest);
        } finally {
            bar.finish();
        }
        if (gateway.json) {
            final Map<String, Object> out = new LinkedHashMap<>();
            out.put("matches", report.matches());
            out.put("computedRoot", report.computedRoot());
            out.put("expectedRoot", report.expectedRoot());
            out.put("differences", differences(report.differences()));
            ctx.printJson(out);
        } else {
            ctx.println(report.describe());
        }
        return report.matches() ? ExitCodes.OK : ExitCodes.MISMATCH;
    }

    private static List<Map<String, Object>> differences(final List<FileDifference> differences) {
        return differences.stream().map(d -> {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", d.path());
            m.put("kind", d.kind().name());
            d.expected().ifPresent(e -> m.put("expectedSha256", e.sha256()));
            d.computed().ifPresent(c -> m.put("computedSha256", c.sha256()));
            return m;
        }).toList();
    }

    static Manifest readManifest(final Path file) throws ManifestFormatException {
        try {
            return Manifest.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CliException(ExitCodes.INPUT, "cannot read manifest " + file + ": " + e.getMessage(), e);
        }
    }
}
