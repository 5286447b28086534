package io.custodia.ledger;

import io.custodia.ledger.block.Block;
import io.custodia.ledger.block.BlockCodec;
import io.custodia.ledger.block.BlockStore;
import io.custodia.ledger.block.LedgerGenesis;
import io.custodia.ledger.block.Proposal;
import io.custodia.ledger.block.TransactionRecord;
import io.custodia.ledger.commit.BlockCommitter;
import io.custodia.ledger.events.EventHub;
import io.custodia.ledger.exec.ChaincodeRuntime;
import io.custodia.ledger.exec.SimulationStub;
import io.custodia.ledger.identity.CertificateAuthority;
import io.custodia.ledger.identity.Identity;
import io.custodia.ledger.state.StateStore;
import io.custodia.ledger.verify.LedgerVerifier;
import io.custodia.canonical.Hashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * A durable, verifiable single-node ledger that runs the chaincode classes on the class path
 * in-process, with Fabric's transaction semantics (simulate, then MVCC-validate at commit).
 *
 * <pre>{@code
 * try (EmbeddedLedger ledger = EmbeddedLedger.open(LedgerConfig.builder(dir).build())) {
 *     Identity alice = ledger.identity("Org1MSP", "alice", Map.of("custodia.role", "institution"));
 *     CommitResult r = ledger.submit(alice, "datasets:RegisterDataset", json);
 *     byte[] out = ledger.evaluate(alice, "datasets:GetDataset", id);
 * }
 * }</pre>
 *
 * <p>{@link #submit} returns only after the transaction's block has been forced to disk and applied
 * to the state; {@link #evaluate} never writes. Chaincode errors throw {@link ChaincodeFailure} and
 * write nothing. The world state and history are derived from the block files and rebuilt from them
 * on open when missing or behind.
 */
public final class EmbeddedLedger implements AutoCloseable {
    private static final String NODE_NAME = "ledger-node";
    private static final String SHIM_GENERIC_ERROR = "Error during contract method execution";

    private final LedgerConfig config;
    private final DirectoryLock lock;
    private final BlockStore blocks;
    private final StateStore state;
    private final Identity node;
    private final ChaincodeRuntime runtime;
    private final BlockCommitter committer;
    private final EventHub events;
    private final ExecutorService simulators;
    private final Map<String, CertificateAuthority> authorities = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private volatile boolean closed;

    private EmbeddedLedger(final LedgerConfig config, final DirectoryLock lock, final BlockStore blocks, final StateStore state,
            final Identity node, final byte[] headHash) {
        this.config = config;
        this.lock = lock;
        this.blocks = blocks;
        this.state = state;
        this.node = node;
        this.runtime = ChaincodeRuntime.forChaincode(config.chaincodeId());
        this.events = new EventHub(blocks, blocks.height());
        this.committer = new BlockCommitter(blocks, state, headHash, node::sign, config.maxBlockTransactions(),
                config.maxBlockWait(), events::committed);
        this.simulators = Executors.newFixedThreadPool(config.simulationThreads(), r -> {
            final Thread t = new Thread(r, "custodia-ledger-simulate");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the ledger in {@code config.dataDir()}, creating it (genesis block, node key) on first
     * use, cutting off a torn last block, and bringing the state up to the last block.
     */
    public static EmbeddedLedger open(final LedgerConfig config) {
        Objects.requireNonNull(config, "config");
        final DirectoryLock lock = DirectoryLock.acquire(config.dataDir());
        try {
            return open(config, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedLedger open(final LedgerConfig config, final DirectoryLock lock) {
        try {
            // Every organisation's key, not only the node's: any of them signs transactions.
            PrivateFiles.requireOwnerOnlyUnder(config.identitiesDir(), PrivateFiles::isKeyFile);
        } catch (IOException e) {
            throw new LedgerException("cannot check the key files in " + config.identitiesDir() + ": " + e.getMessage(), e);
        }
        // Before the node key is created: a directory that already holds identities held a ledger.
        final boolean identitiesExisted = Files.isDirectory(config.identitiesDir());
        final CertificateAuthority nodeCa =
                CertificateAuthority.loadOrCreate(config.identitiesDir().resolve(config.nodeMspId()), config.nodeMspId());
        final Identity node = nodeCa.loadOrIssue(config.identitiesDir().resolve(config.nodeMspId()), NODE_NAME, Map.of());
        BlockStore blocks = null;
        StateStore state = null;
        try {
            // The state has applied blocks only after they were forced, and identities are written before
            // block 0: the block files must still hold those blocks, or at least block 0.
            state = StateStore.open(config.stateDir());
            final long applied = state.savepoint().isPresent() ? state.savepoint().getAsLong() + 1 : 0;
            blocks = BlockStore.open(config.blocksDir(), Math.max(applied, identitiesExisted ? 1 : 0), config.blockChannels());
            if (blocks.height() == 0) {
                final byte[] genesisConfig =
                        new LedgerGenesis(config.channelId(), config.chaincodeId(), node.serialized()).encode();
                final Block genesis = BlockCodec.build(0, BlockCodec.genesisPreviousHash(), System.currentTimeMillis(),
                        List.of(), genesisConfig, node::sign);
                blocks.append(0, 0, BlockCodec.encode(genesis));
            }
            checkGenesis(config, blocks, node);
            replay(state, blocks);
            final byte[] headHash = BlockCodec.decode(blocks.read(blocks.height() - 1)).block().headerHash();
            return new EmbeddedLedger(config, lock, blocks, state, node, headHash);
        } catch (RuntimeException e) {
            if (state != null) {
                state.close();
            }
            if (blocks != null) {
                blocks.close();
            }
            throw e;
        }
    }

    /** What {@link #repairAcceptingLoss} did: blocks kept, blocks that had been committed, bytes cut. */
    public record Repair(long intactBlocks, long committedBlocks, long bytesCut) {}

    /**
     * Gives up committed blocks that are missing or damaged at the end of the block files, so that a
     * ledger that {@link #open} refuses with {@link CommittedBlocksMissingException} can start again:
     * cuts the block files after the last intact block, records that as the committed head, and removes
     * the state (derived; rebuilt from the blocks on the next open). Damage followed by valid blocks is
     * still refused. The ledger must not be open. What the lost blocks held is gone for good.
     */
    public static Repair repairAcceptingLoss(final LedgerConfig config) {
        final DirectoryLock lock = DirectoryLock.acquire(config.dataDir());
        try {
            long committed = 0;
            if (Files.isDirectory(config.stateDir())) {
                try (StateStore state = StateStore.open(config.stateDir())) {
                    committed = state.savepoint().isPresent() ? state.savepoint().getAsLong() + 1 : 0;
                }
            }
            final long recorded = BlockStore.committedHeight(config.blocksDir());
            try (BlockStore blocks = BlockStore.openAcceptingLoss(config.blocksDir())) {
                deleteRecursively(config.stateDir());
                return new Repair(blocks.height(), Math.max(committed, recorded), blocks.truncatedBytes());
            }
        } finally {
            lock.close();
        }
    }

    private static void deleteRecursively(final Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (final Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new LedgerException("cannot remove the state in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void checkGenesis(final LedgerConfig config, final BlockStore blocks, final Identity node) {
        final LedgerGenesis genesis = LedgerGenesis.decode(BlockCodec.decode(blocks.read(0)).block().config());
        if (!genesis.channelId().equals(config.channelId()) || !genesis.chaincodeId().equals(config.chaincodeId())) {
            throw new LedgerException("ledger in " + config.dataDir() + " is for channel/chaincode " + genesis.channelId()
                    + "/" + genesis.chaincodeId() + ", not " + config.channelId() + "/" + config.chaincodeId());
        }
        if (!Arrays.equals(genesis.nodeIdentity(), node.serialized())) {
            throw new LedgerException("the node key in " + config.identitiesDir() + " is not the one that signed this ledger");
        }
    }

    /** Applies the blocks the state has not seen (those after its savepoint; the block store refused fewer). */
    private static void replay(final StateStore state, final BlockStore blocks) {
        final long next = state.savepoint().isPresent() ? state.savepoint().getAsLong() + 1 : 0;
        for (long n = next; n < blocks.height(); n++) {
            state.apply(BlockCodec.decode(blocks.read(n)).block());
        }
    }

    /**
     * The member {@code name} of organisation {@code mspId}, issued by that organisation's embedded CA
     * with the given Fabric-CA attributes on first use and kept under {@code identities/<mspId>/}.
     */
    public Identity identity(final String mspId, final String name, final Map<String, String> attributes) {
        final Path dir = config.identitiesDir().resolve(mspId);
        final CertificateAuthority ca = authorities.computeIfAbsent(mspId, id -> CertificateAuthority.loadOrCreate(dir, id));
        synchronized (ca) {
            return ca.loadOrIssue(dir, name, attributes);
        }
    }

    /**
     * The certificate of organisation {@code mspId}'s embedded CA (created on first use): the trust root
     * other parties check that organisation's identities against, as Fabric's channel MSP config is.
     */
    public java.security.cert.X509Certificate caCertificate(final String mspId) {
        return authorities.computeIfAbsent(mspId,
                id -> CertificateAuthority.loadOrCreate(config.identitiesDir().resolve(id), id)).caCertificate();
    }

    /** The node identity whose key signs blocks. */
    public Identity nodeIdentity() {
        return node;
    }

    /** Submits a transaction and waits until it is durably committed (valid or not). */
    public CommitResult submit(final Identity identity, final String function, final String... args) {
        return submitWithTransient(identity, Map.of(), function, args);
    }

    /** As {@link #submit}, with transient data that chaincode can read but that is never stored. */
    public CommitResult submitWithTransient(final Identity identity, final Map<String, byte[]> transientData,
            final String function, final String... args) {
        final TransactionRecord tx = simulate(identity, transientData, function, args);
        try {
            return committer.enqueue(tx).join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    /** Simulates on a ledger thread and commits; the future fails with {@link ChaincodeFailure} if chaincode refuses. */
    public CompletableFuture<CommitResult> submitAsync(final Identity identity, final String function, final String... args) {
        ensureOpen();
        return CompletableFuture.supplyAsync(() -> simulate(identity, Map.of(), function, args), simulators)
                .thenCompose(committer::enqueue);
    }

    /** Runs a query function against the committed state; nothing is written, whatever the chaincode does. */
    public byte[] evaluate(final Identity identity, final String function, final String... args) {
        return execute(newProposal(identity, function, args), Map.of()).payload();
    }

    /** A successful simulation: the stub holding the read/write set, and what the function returned. */
    private record Execution(SimulationStub stub, byte[] payload) {}

    private TransactionRecord simulate(final Identity identity, final Map<String, byte[]> transientData,
            final String function, final String... args) {
        final Proposal proposal = newProposal(identity, function, args);
        final byte[] signature = identity.sign(proposal.signingBytes());
        final Execution execution = execute(proposal, transientData);
        final SimulationStub stub = execution.stub();
        return new TransactionRecord(proposal, signature, stub.readWriteSet(), execution.payload(), stub.transactionEvent(),
                ValidationCode.VALID);
    }

    private Execution execute(final Proposal proposal, final Map<String, byte[]> transientData) {
        ensureOpen();
        final SimulationStub stub = new SimulationStub(state, proposal, transientData, config.nodeMspId());
        final Chaincode.Response response;
        try {
            response = runtime.invoke(stub);
        } finally {
            stub.release();
        }
        if (response.getStatus().getCode() >= 400) {
            final String logged = ChaincodeRuntime.lastFailureCause();
            String message = response.getMessage();
            // The shim hides unexpected exceptions behind one generic message: name the real cause.
            final String detail = stub.failureDetail().orElse(SHIM_GENERIC_ERROR.equals(message) ? logged : null);
            final boolean noErrorCode = response.getPayload() == null || response.getPayload().length == 0;
            if (noErrorCode && detail != null) {
                message = message + ": " + detail;
            }
            throw new ChaincodeFailure(proposal.txId(), response.getStatus().getCode(), message, response.getPayload());
        }
        return new Execution(stub, response.getPayload() == null ? new byte[0] : response.getPayload());
    }

    private Proposal newProposal(final Identity identity, final String function, final String... args) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(function, "function");
        final byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        final byte[] creator = identity.serialized();
        final List<byte[]> encoded = new ArrayList<>(args.length);
        for (final String arg : args) {
            encoded.add(Objects.requireNonNull(arg, "argument").getBytes(StandardCharsets.UTF_8));
        }
        return new Proposal(config.channelId(), config.chaincodeId(), Proposal.computeTxId(nonce, creator), Instant.now(),
                creator, nonce, function, encoded);
    }

    /**
     * Delivers chaincode events of valid transactions at or after {@code from}, in ledger order, on a
     * thread of the subscription. Close the subscription to stop.
     */
    public Subscription subscribe(final EventCheckpoint from, final ChaincodeEventListener listener) {
        return subscribe(from, listener, error -> { });
    }

    /** As {@link #subscribe(EventCheckpoint, ChaincodeEventListener)}, told when delivery stops on an error. */
    public Subscription subscribe(final EventCheckpoint from, final ChaincodeEventListener listener,
            final Consumer<Throwable> onError) {
        ensureOpen();
        final Subscription subscription = events.subscribe(Objects.requireNonNull(from, "from"),
                Objects.requireNonNull(listener, "listener"), onError);
        synchronized (subscriptions) {
            subscriptions.add(subscription);
        }
        return subscription;
    }

    /**
     * Walks the whole ledger as of now and checks hash chain, data hashes and all signatures, with
     * block 0 required to name this node's key.
     */
    public VerificationReport verify() {
        return verify(null);
    }

    /**
     * As {@link #verify()}, but with signatures checked only after {@code anchor}, the head of an
     * earlier intact verification ({@code null}: all of them); see {@link VerificationAnchor} for why that is sound.
     */
    public VerificationReport verify(final VerificationAnchor anchor) {
        return LedgerVerifier.verify(config.blocksDir(), blocks.height(),
                Hashes.sha256Hex(node.certificate().getPublicKey().getEncoded()), anchor);
    }

    public LedgerInfo info() {
        final long height = blocks.height();
        final byte[] head = BlockCodec.decode(blocks.read(height - 1)).block().headerHash();
        return new LedgerInfo(height, Hashes.hex(head), blocks.transactionCount());
    }

    /**
     * Why the ledger cannot commit transactions now, if it cannot: the disk refused the last block
     * (full, I/O error) and still refuses a probe write, or the committer stopped after an error.
     * Empty when it can; after a disk fault, asking is what notices that space was freed.
     */
    public Optional<String> writeProblem() {
        if (closed) {
            return Optional.of("ledger is closed");
        }
        if (committer.failure() != null) {
            return Optional.of("ledger stopped after an error: " + committer.failure().getMessage());
        }
        final LedgerStorageException fault = committer.storageFault();
        if (fault == null) {
            return Optional.empty();
        }
        if (blocks.probeWritable()) {
            committer.clearStorageFault(fault);
            return Optional.empty();
        }
        return Optional.of(fault.getMessage());
    }

    /**
     * The final status of transaction {@code txId}: its block, its position in the block and its
     * validation code; empty if no committed block holds it. Served by the state's transaction-ID index,
     * which each block updates as it is applied (and which is rebuilt from the blocks with the state).
     * A transaction whose ID was already on the ledger ({@code DUPLICATE_TXID}) does not replace the first.
     */
    public Optional<TransactionStatus> transaction(final String txId) {
        Objects.requireNonNull(txId, "txId");
        return transactions(List.of(txId)).stream().findFirst();
    }

    /** {@link #transaction} for many IDs with one index read; IDs the ledger does not hold are left out. */
    public List<TransactionStatus> transactions(final List<String> txIds) {
        ensureOpen();
        final List<StateStore.TransactionIndexEntry> entries = state.transactions(txIds);
        final List<TransactionStatus> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            final StateStore.TransactionIndexEntry entry = entries.get(i);
            if (entry == null) {
                continue;
            }
            final long block = entry.position().blockNumber();
            final int position = entry.position().txIndex();
            final ValidationCode code = entry.validationCode() >= 0 ? ValidationCode.fromFabricCode(entry.validationCode())
                    // An index row written before codes were kept: the block has it.
                    : BlockCodec.decode(blocks.read(block)).block().transactions().get(position).validationCode();
            out.add(new TransactionStatus(txIds.get(i), block, position, code));
        }
        return out;
    }

    /**
     * The chaincode's response to valid transaction {@code txId} as its block stores it (as a Fabric
     * block does), or empty when no committed block holds it or it was invalidated. A client whose answer
     * was lost in a crash reads the committed outcome back from here.
     */
    public Optional<byte[]> committedResponse(final String txId) {
        return transaction(txId).filter(t -> t.validationCode() == ValidationCode.VALID)
                .map(t -> BlockCodec.decode(blocks.read(t.blockNumber())).block().transactions().get(t.position()).response());
    }

    /** Bytes cut off a torn last block when this ledger was opened (0 if none). */
    public long recoveredTornBytes() {
        return blocks.truncatedBytes();
    }

    private void ensureOpen() {
        if (closed) {
            throw new LedgerException("ledger is closed");
        }
        if (committer.failure() != null) {
            throw new LedgerException("ledger stopped after an error: " + committer.failure().getMessage(), committer.failure());
        }
    }

    private static RuntimeException unwrap(final CompletionException e) {
        return e.getCause() instanceof RuntimeException re ? re : new LedgerException("commit failed", e.getCause());
    }

    /** Commits what is queued, stops subscriptions and closes files. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        simulators.shutdown();
        try {
            simulators.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        committer.close();
        synchronized (subscriptions) {
            subscriptions.forEach(Subscription::close);
        }
        state.close();
        blocks.close();
        lock.close();
    }
}
