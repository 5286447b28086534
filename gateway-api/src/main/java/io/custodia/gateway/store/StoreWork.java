package io.custodia.gateway.store;

/**
 * Work run inside one store transaction by {@link OffChainStore#inTransaction(StoreWork)}.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface StoreWork<T> {
    /** Runs against repositories bound to the transaction; throwing rolls it back. */
    T run(StoreSession session);
}
