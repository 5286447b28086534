package io.custodia.ledger.tools;

import io.custodia.ledger.VerificationAnchor;
import io.custodia.ledger.VerificationReport;
import io.custodia.ledger.verify.LedgerVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code VerifyLedgerCommand [--anchor <block>:<headerHash>] <dataDir> [nodeKeyFingerprint]}: verifies the
 * embedded ledger in {@code dataDir} (its {@code blocks/} folder) and exits 0 if intact, 1 naming the
 * first bad block, 2 on wrong usage. With a fingerprint (SHA-256 hex of the node's public key, printed by
 * every successful run), block 0 must name that node key. With an anchor (the head printed by an
 * earlier successful run), every block is still re-hashed but signatures are checked only after the
 * anchor. Read-only: it never repairs or truncates anything.
 */
public final class VerifyLedgerCommand {
    private static final String USAGE = "usage: VerifyLedgerCommand [--anchor <block>:<headerHash>] <dataDir> [nodeKeyFingerprint]";

    private VerifyLedgerCommand() {}

    public static void main(final String[] args) {
        final List<String> positional = new ArrayList<>();
        VerificationAnchor anchor = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--anchor") && i + 1 < args.length) {
                try {
                    anchor = VerificationAnchor.parse(args[++i]);
                } catch (IllegalArgumentException e) {
                    usage(e.getMessage());
                }
            } else if (args[i].startsWith("-")) {
                usage("unknown option " + args[i]);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.isEmpty() || positional.size() > 2) {
            usage(null);
        }
        final Path blocks = Path.of(positional.get(0)).resolve("blocks");
        if (!Files.isDirectory(blocks)) {
            System.err.println("no ledger in " + positional.get(0) + " (missing " + blocks + ")");
            System.exit(2);
        }
        final long start = System.nanoTime();
        final VerificationReport report =
                LedgerVerifier.verify(blocks, Long.MAX_VALUE, positional.size() == 2 ? positional.get(1) : null, anchor);
        final double seconds = (System.nanoTime() - start) / 1e9;
        if (report.ok()) {
            System.out.printf("OK in %.2f s: %s%nnext anchor: %s%n", seconds, report, report.head().orElseThrow());
            System.exit(0);
        }
        System.out.println("FAILED: " + report);
        System.exit(1);
    }

    private static void usage(final String problem) {
        if (problem != null) {
            System.err.println(problem);
        }
        System.err.println(USAGE);
        System.exit(2);
    }
}
