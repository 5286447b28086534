package io.custodia.ledger.events;

import io.custodia.ledger.ChaincodeEventListener;
import io.custodia.ledger.ChaincodeEventRecord;
import io.custodia.ledger.EventCheckpoint;
import io.custodia.ledger.Subscription;
import io.custodia.ledger.ValidationCode;
import io.custodia.ledger.block.Block;
import io.custodia.ledger.block.BlockCodec;
import io.custodia.ledger.block.BlockStore;
import io.custodia.ledger.block.TransactionRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * Feeds subscribers the events of valid transactions, block by block from the block files. Old and
 * new events come through the same path, so a subscriber that starts behind catches up and then
 * follows the head with no gap and no duplicate.
 */
public final class EventHub {
    private final BlockStore blocks;
    private final Object lock = new Object();
    private long committedHeight;

    public EventHub(final BlockStore blocks, final long committedHeight) {
        this.blocks = blocks;
        this.committedHeight = committedHeight;
    }

    /** Called by the committer once a block is durable and applied to the state. */
    public void committed(final long height) {
        synchronized (lock) {
            committedHeight = height;
            lock.notifyAll();
        }
    }

    /**
     * Starts delivering events at or after {@code from}, on a daemon thread of its own. An exception
     * from the listener ends the subscription and is handed to {@code onError}.
     */
    public Subscription subscribe(final EventCheckpoint from, final ChaincodeEventListener listener,
            final Consumer<Throwable> onError) {
        final Delivery delivery = new Delivery(from, listener, onError);
        final Thread thread = new Thread(delivery, "custodia-ledger-events");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            delivery.stopped = true;
            synchronized (lock) {
                lock.notifyAll();
            }
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private final class Delivery implements Runnable {
        private final ChaincodeEventListener listener;
        private final Consumer<Throwable> onError;
        private long block;
        private int firstTx;
        private volatile boolean stopped;

        Delivery(final EventCheckpoint from, final ChaincodeEventListener listener, final Consumer<Throwable> onError) {
            this.listener = listener;
            this.onError = onError;
            this.block = from.blockNumber();
            this.firstTx = from.txIndex();
        }

        @Override
        public void run() {
            try {
                while (!stopped) {
                    synchronized (lock) {
                        while (!stopped && block >= committedHeight) {
                            lock.wait();
                        }
                    }
                    if (stopped) {
                        return;
                    }
                    deliver(BlockCodec.decode(blocks.read(block)).block());
                    block++;
                    firstTx = 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                onError.accept(e);
            }
        }

        private void deliver(final Block decoded) {
            final List<TransactionRecord> txs = decoded.transactions();
            for (int i = firstTx; i < txs.size() && !stopped; i++) {
                final TransactionRecord tx = txs.get(i);
                if (tx.validationCode() == ValidationCode.VALID && tx.event().isPresent()) {
                    listener.onEvent(new ChaincodeEventRecord(decoded.number(), i, tx.txId(), tx.proposal().chaincodeId(),
                            tx.event().get().name(), tx.event().get().payload()));
                }
            }
        }
    }
}
