/**
 * Runs multi-step operations (revocation with erasure, consent grants with a stored document) from
 * the store's transactional outbox, so that a crash between steps is finished on restart instead
 * of leaving the ledger and the off-chain store disagreeing.
 *
 * <p>An {@link io.custodia.gateway.outbox.OutboxOperation} is a kind plus an ordered list of
 * idempotent {@link io.custodia.gateway.outbox.OutboxStep}s. A request handler calls
 * {@link io.custodia.gateway.outbox.OutboxRunner#enqueueAndRun} (or enqueues in its own store
 * transaction and calls {@link io.custodia.gateway.outbox.OutboxRunner#run}), so the HTTP response
 * reflects completion; {@link io.custodia.gateway.outbox.OutboxRunner#resumePending()} finishes
 * whatever a crash interrupted, at start and then periodically.
 */
package io.custodia.gateway.outbox;
