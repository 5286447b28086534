package io.custodia.ledger;

/** A running event subscription; {@link #close()} stops delivery. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
