package io.custodia.gateway.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.gateway.store.StoreSession;
import java.util.function.Function;

/**
 * What a running step sees: the operation's payload, the state earlier steps recorded (mutable: what
 * this step puts there is recorded with its completion), whether the item is being resumed after an
 * interruption, and a way to commit off-chain work atomically with the step's progress.
 */
public interface StepContext {
    /** The operation's inputs (pseudonyms and identifiers only). */
    JsonNode payload();

    /** State recorded by earlier steps; changes are persisted when this step completes. */
    ObjectNode state();

    /** True when the item was claimed by {@link OutboxRunner#resumePending()}, not run inline by the request that enqueued it. */
    boolean resumed();

    /**
     * Runs {@code work} in one store transaction that also records this step as completed with the
     * current {@link #state()} (after {@code work} returned): either both commit or neither, so an
     * off-chain deletion is never done without being recorded, nor recorded without being done.
     */
    <T> T commitWithProgress(Function<StoreSession, T> work);
}
