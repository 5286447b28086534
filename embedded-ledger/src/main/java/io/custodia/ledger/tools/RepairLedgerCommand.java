package io.custodia.ledger.tools;

import io.custodia.ledger.EmbeddedLedger;
import io.custodia.ledger.LedgerConfig;
import io.custodia.ledger.LedgerException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code RepairLedgerCommand --accept-loss <dataDir>}: lets a ledger that refuses to open because
 * committed blocks are missing or damaged at the end start again without them. It cuts the block files
 * after the last intact block, records that as the committed head and removes the derived state (rebuilt
 * on the next start), then prints what was lost. Exit 0 when repaired, 1 when it cannot (damage with
 * valid blocks after it, no intact block 0, the ledger in use), 2 on wrong usage. Stop the gateway first;
 * keep a copy of the directory if the lost blocks may still be recovered from it.
 */
public final class RepairLedgerCommand {
    private static final String USAGE = "usage: RepairLedgerCommand --accept-loss <dataDir>";

    private RepairLedgerCommand() {}

    public static void main(final String[] args) {
        if (args.length != 2 || !args[0].equals("--accept-loss")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        final Path dataDir = Path.of(args[1]);
        if (!Files.isDirectory(dataDir.resolve("blocks"))) {
            System.err.println("no ledger in " + dataDir + " (missing " + dataDir.resolve("blocks") + ")");
            System.exit(2);
        }
        try {
            final EmbeddedLedger.Repair repair = EmbeddedLedger.repairAcceptingLoss(LedgerConfig.builder(dataDir).build());
            if (repair.intactBlocks() == 0) {
                System.out.println("FAILED: no intact block 0 in " + dataDir + ": nothing to keep. Restore it from a backup or"
                        + " move the directory away to start a new ledger.");
                System.exit(1);
            }
            final long lost = Math.max(0, repair.committedBlocks() - repair.intactBlocks());
            System.out.printf("repaired: the ledger now ends at block %d; cut %d bytes; %s%n", repair.intactBlocks() - 1,
                    repair.bytesCut(), lost == 0 ? "no committed block was lost"
                            : lost + " committed block(s) lost: " + repair.intactBlocks() + ".." + (repair.committedBlocks() - 1));
            System.exit(0);
        } catch (LedgerException e) {
            System.out.println("FAILED: " + e.getMessage());
            System.exit(1);
        }
    }
}
