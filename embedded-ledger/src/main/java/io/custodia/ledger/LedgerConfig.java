package io.custodia.ledger;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Settings of an {@link EmbeddedLedger}.
 *
 * <pre>{@code
 * LedgerConfig config = LedgerConfig.builder(Path.of("data/ledger"))
 *         .maxBlockTransactions(500)
 *         .maxBlockWait(Duration.ofMillis(2))
 *         .build();
 * }</pre>
 *
 * <p>Data directory layout: {@code blocks/} (append-only block files), {@code state/} (RocksDB world
 * state and history index, derived from blocks), {@code identities/} (CA and member PEMs, one folder
 * per MSP; the ledger node's signing key is {@code identities/<nodeMspId>/ledger-node-*.pem}).
 */
public final class LedgerConfig {
    private final Path dataDir;
    private final int maxBlockTransactions;
    private final Duration maxBlockWait;
    private final String chaincodeId;
    private final String channelId;
    private final String nodeMspId;
    private final int simulationThreads;
    private final UnaryOperator<FileChannel> blockChannels;

    private LedgerConfig(final Builder builder) {
        this.dataDir = builder.dataDir;
        this.maxBlockTransactions = builder.maxBlockTransactions;
        this.maxBlockWait = builder.maxBlockWait;
        this.chaincodeId = builder.chaincodeId;
        this.channelId = builder.channelId;
        this.nodeMspId = builder.nodeMspId;
        this.simulationThreads = builder.simulationThreads;
        this.blockChannels = builder.blockChannels;
    }

    public static Builder builder(final Path dataDir) {
        return new Builder(dataDir);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path blocksDir() {
        return dataDir.resolve("blocks");
    }

    public Path stateDir() {
        return dataDir.resolve("state");
    }

    public Path identitiesDir() {
        return dataDir.resolve("identities");
    }

    public int maxBlockTransactions() {
        return maxBlockTransactions;
    }

    public Duration maxBlockWait() {
        return maxBlockWait;
    }

    public String chaincodeId() {
        return chaincodeId;
    }

    public String channelId() {
        return channelId;
    }

    public String nodeMspId() {
        return nodeMspId;
    }

    public int simulationThreads() {
        return simulationThreads;
    }

    /** What every block-file channel is passed through: identity unless a test injects faults. */
    public UnaryOperator<FileChannel> blockChannels() {
        return blockChannels;
    }

    /** Builder with defaults that suit a development gateway. */
    public static final class Builder {
        private final Path dataDir;
        private int maxBlockTransactions = 500;
        private Duration maxBlockWait = Duration.ofMillis(2);
        private String chaincodeId = "custodia";
        private String channelId = "custodia";
        private String nodeMspId = "LedgerNodeMSP";
        private int simulationThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private UnaryOperator<FileChannel> blockChannels = UnaryOperator.identity();

        private Builder(final Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        /** Most transactions cut into one block (group commit size). */
        public Builder maxBlockTransactions(final int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxBlockTransactions must be at least 1");
            }
            this.maxBlockTransactions = value;
            return this;
        }

        /** Longest time the first transaction of a block waits for others before the block is cut. */
        public Builder maxBlockWait(final Duration value) {
            if (Objects.requireNonNull(value, "maxBlockWait").isNegative()) {
                throw new IllegalArgumentException("maxBlockWait must not be negative");
            }
            this.maxBlockWait = value;
            return this;
        }

        /** The chaincode ID given to the shim (what {@code --id} is on a peer). */
        public Builder chaincodeId(final String value) {
            this.chaincodeId = Objects.requireNonNull(value, "chaincodeId");
            return this;
        }

        public Builder channelId(final String value) {
            this.channelId = Objects.requireNonNull(value, "channelId");
            return this;
        }

        /** MSP of the ledger node whose key signs blocks; also what {@code stub.getMspId()} returns. */
        public Builder nodeMspId(final String value) {
            this.nodeMspId = Objects.requireNonNull(value, "nodeMspId");
            return this;
        }

        /** Threads that simulate asynchronously submitted transactions. */
        public Builder simulationThreads(final int value) {
            if (value < 1) {
                throw new IllegalArgumentException("simulationThreads must be at least 1");
            }
            this.simulationThreads = value;
            return this;
        }

        /**
         * Wraps every channel the block store writes through (block files, the write probe). For
         * fault-injection tests — a channel that fails like a full disk — never for production.
         */
        public Builder blockChannels(final UnaryOperator<FileChannel> value) {
            this.blockChannels = Objects.requireNonNull(value, "blockChannels");
            return this;
        }

        public LedgerConfig build() {
            return new LedgerConfig(this);
        }
    }
}
