package io.custodia.gateway.ledger.fabric;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each kind of Fabric Gateway call may take. Endorsement covers chaincode execution on every
 * endorsing peer; commit status covers ordering, block cutting and validation, so it is the longest.
 * A commit-status timeout is not a failure: the transaction may still commit (the gateway answers 202
 * with its ID).
 */
public record FabricDeadlines(Duration evaluate, Duration endorse, Duration submit, Duration commitStatus) {
    /** 5 s evaluate, 15 s endorse, 5 s submit, 30 s commit status. */
    public static final FabricDeadlines DEFAULT =
            new FabricDeadlines(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(30));

    public FabricDeadlines {
        for (final Duration d : new Duration[] {
                Objects.requireNonNull(evaluate, "evaluate"), Objects.requireNonNull(endorse, "endorse"),
                Objects.requireNonNull(submit, "submit"), Objects.requireNonNull(commitStatus, "commitStatus")}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Fabric deadlines must be positive");
            }
        }
    }
}
