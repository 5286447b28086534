package io.custodia.gateway.store;

import java.util.List;

/**
 * What {@link OffChainStore#compact()} ran, so an operator (or a test) can see whether every
 * step that removes deleted rows from disk actually happened.
 *
 * @param statements the maintenance statements that completed, in order
 * @param skipped statements that could not run, with the reason (e.g. missing privilege)
 */
public record CompactionReport(List<String> statements, List<String> skipped) {
    /** Defensively copies. */
    public CompactionReport {
        statements = List.copyOf(statements);
        skipped = List.copyOf(skipped);
    }

    /** Whether every step ran. */
    public boolean complete() {
        return skipped.isEmpty();
    }
}
