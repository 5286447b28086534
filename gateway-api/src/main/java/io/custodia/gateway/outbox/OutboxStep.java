package io.custodia.gateway.outbox;

import io.custodia.gateway.ledger.LedgerException;

/**
 * One step of an {@link OutboxOperation}. Steps must be idempotent: after a crash the step that was
 * running is run again, possibly after it had already taken effect (a ledger transaction committed
 * but its outcome was not recorded). Each step therefore recognises its own earlier success, e.g. a
 * REVOKED consent or an ALREADY_EXISTS receipt with a deterministic id.
 */
@FunctionalInterface
public interface OutboxStep {
    /**
     * Runs the step. Throwing {@link OutboxStepFailure} ends the operation for good (after the step
     * compensated what needs compensating); any other exception is transient: the item is released
     * and retried later from this step.
     */
    void run(StepContext step) throws LedgerException;
}
