package io.custodia.ledger.tools;

import io.custodia.ledger.VerificationReport;
import io.custodia.ledger.verify.LedgerVerifier;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code VerifyLedgerCommand <dataDir> [nodeKeyFingerprint]}: verifies the embedded ledger in {@code dataDir} (its
 * {@code blocks/} folder) and exits 0 if intact, 1 naming the first bad block, 2 on wrong usage.
 * With a fingerprint (SHA-256 hex of the node's public key, printed by every successful run), block 0
 * must name that node key. Read-only: it never repairs or truncates anything.
 */
public final class VerifyLedgerCommand {
    private VerifyLedgerCommand() {}

    public static void main(final String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: VerifyLedgerCommand <dataDir> [nodeKeyFingerprint]");
            System.exit(2);
        }
        final Path blocks = Path.of(args[0]).resolve("blocks");
        if (!Files.isDirectory(blocks)) {
            System.err.println("no ledger in " + args[0] + " (missing " + blocks + ")");
            System.exit(2);
        }
        final long start = System.nanoTime();
        final VerificationReport report = LedgerVerifier.verify(blocks, Long.MAX_VALUE, args.length == 2 ? args[1] : null);
        final double seconds = (System.nanoTime() - start) / 1e9;
        if (report.ok()) {
            System.out.printf("OK: %d blocks, %d transactions verified in %.2f s; node key fingerprint %s%n",
                    report.blocksChecked(), report.transactionsChecked(), seconds, report.nodeFingerprint());
            System.exit(0);
        }
        System.out.println("FAILED: " + report);
        System.exit(1);
    }
}
