package io.custodia.gateway.ledger.fabric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.FileCheckpointer;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Network;

/**
 * Follows one chaincode's events on a daemon thread, resuming from a checkpoint file so no event is
 * missed or handled twice across restarts: after the handler returns for an event, its (block,
 * transaction) is written to the file (fabric-gateway's {@link FileCheckpointer}, fsynced) before the
 * next event is read. A restart resumes after the last recorded event, inside the same block if need
 * be. When the event stream breaks (peer restart, network), the follower reconnects from the
 * checkpoint after a pause.
 *
 * <p>Delivery is at-least-once only if the process dies between the handler and the checkpoint write;
 * handlers should be idempotent on (block, txId).
 *
 * <pre>{@code
 * try (ChaincodeEventFollower f = ledger.followEvents(dataDir.resolve("fabric/events.checkpoint"), 0, e -> index(e))) {
 *     ...
 * }
 * }</pre>
 */
public final class ChaincodeEventFollower implements AutoCloseable {
    private static final long RECONNECT_PAUSE_MS = 1_000;

    private final Network network;
    private final String chaincode;
    private final long startBlock;
    private final Consumer<ChaincodeEvent> handler;
    private final FileCheckpointer checkpointer;
    private final Thread thread;
    private volatile CloseableIterator<ChaincodeEvent> events;
    private volatile boolean running = true;
    private volatile Optional<RuntimeException> handlerFailure = Optional.empty();

    private ChaincodeEventFollower(final Network network, final String chaincode, final long startBlock,
            final Consumer<ChaincodeEvent> handler, final FileCheckpointer checkpointer) {
        this.network = network;
        this.chaincode = chaincode;
        this.startBlock = startBlock;
        this.handler = handler;
        this.checkpointer = checkpointer;
        this.thread = new Thread(this::run, "custodia-fabric-events");
        this.thread.setDaemon(true);
    }

    static ChaincodeEventFollower start(final Network network, final String chaincode, final Path checkpointFile,
            final long startBlock, final Consumer<ChaincodeEvent> handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        if (checkpointFile.getParent() != null) {
            Files.createDirectories(checkpointFile.getParent());
        }
        final ChaincodeEventFollower follower = new ChaincodeEventFollower(network, chaincode, startBlock, handler,
                new FileCheckpointer(checkpointFile));
        follower.thread.start();
        return follower;
    }

    /** The block of the last handled event (or the next block to read), as recorded on disk. */
    public OptionalLong checkpointBlock() {
        return checkpointer.getBlockNumber();
    }

    /** The transaction of the last handled event, as recorded on disk. */
    public Optional<String> checkpointTransaction() {
        return checkpointer.getTransactionId();
    }

    /** Set when the handler threw: the follower then stops without checkpointing that event. */
    public Optional<RuntimeException> handlerFailure() {
        return handlerFailure;
    }

    private void run() {
        while (running) {
            try (CloseableIterator<ChaincodeEvent> stream = network.newChaincodeEventsRequest(chaincode)
                    .startBlock(startBlock)
                    .checkpoint(checkpointer)
                    .build()
                    .getEvents()) {
                events = stream;
                while (running && stream.hasNext()) {
                    final ChaincodeEvent event = stream.next();
                    try {
                        handler.accept(event);
                    } catch (RuntimeException e) {
                        handlerFailure = Optional.of(e);
                        running = false;
                        return;
                    }
                    checkpointer.checkpointChaincodeEvent(event);
                }
            } catch (GatewayRuntimeException e) {
                pause();
            } catch (IOException e) {
                handlerFailure = Optional.of(new UncheckedIOException("cannot write the event checkpoint", e));
                running = false;
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE_MS);
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    /** Stops reading, waits for the thread and closes the checkpoint file. */
    @Override
    public void close() throws IOException {
        running = false;
        final CloseableIterator<ChaincodeEvent> stream = events;
        if (stream != null) {
            stream.close();
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpointer.close();
    }
}
