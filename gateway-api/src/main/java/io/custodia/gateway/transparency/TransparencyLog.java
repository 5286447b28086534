package io.custodia.gateway.transparency;

import io.custodia.canonical.Checkpoint;
import io.custodia.canonical.MerkleProofs;
import io.custodia.canonical.NoteKey;
import io.custodia.canonical.SignedNote;
import io.custodia.ledger.EmbeddedLedger;
import io.custodia.ledger.EventCheckpoint;
import io.custodia.ledger.Subscription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The verifiable audit log: an RFC 6962 Merkle tree over every committed access event and erasure
 * receipt (and any kind {@link LoggedEvents} lists), in commit order, built only from the blocks, so
 * every replay gives the same tree; signed C2SP checkpoints; inclusion and consistency proofs; and
 * the cosignatures witnesses sent for its checkpoints.
 *
 * <pre>{@code
 * try (TransparencyLog log = TransparencyLog.open(dir, logKey)) {
 *     log.follow(ledger, error -> ...);
 *     SignedNote checkpoint = log.checkpoint();
 *     List<byte[]> proof = log.inclusionProof(leaf, checkpoint size);
 * }
 * }</pre>
 */
public final class TransparencyLog implements AutoCloseable {
    private static final Duration SYNC_PERIOD = Duration.ofSeconds(1);

    private final MerkleLogStore store;
    private final NoteKey key;
    private final Cosignatures cosignatures;
    private final LeafIds ids = new LeafIds();
    private final ScheduledExecutorService syncer;
    private final Object appended = new Object();
    private volatile Optional<Subscription> following = Optional.empty();
    private volatile SignedNote latest;
    /** Position of the last leaf's transaction: events at or before it are already in the tree. */
    private EventCheckpoint next;
    private long discarded;

    private TransparencyLog(final MerkleLogStore store, final NoteKey key, final Cosignatures cosignatures,
            final Duration syncPeriod) {
        this.store = store;
        this.key = key;
        this.cosignatures = cosignatures;
        final long size = store.size();
        final long[] fingerprints = store.fingerprints(size);
        for (int leaf = 0; leaf < fingerprints.length; leaf++) {
            ids.put(fingerprints[leaf], leaf);
        }
        if (size == 0) {
            next = EventCheckpoint.start();
        } else {
            final LogEntry last = LogEntry.parse(store.entry(size - 1));
            next = EventCheckpoint.of(last.block(), last.position() + 1);
        }
        this.syncer = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "custodia-tlog-sync");
            t.setDaemon(true);
            return t;
        });
        if (!syncPeriod.isZero()) {
            syncer.scheduleWithFixedDelay(store::sync, syncPeriod.toMillis(), syncPeriod.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Opens the log kept in {@code dir} (created empty if absent), signed with {@code key} (its name is the
     * checkpoint origin). Call {@link #follow} to bring it up to the ledger and keep it there.
     */
    public static TransparencyLog open(final Path dir, final NoteKey key) {
        return open(dir, key, SYNC_PERIOD);
    }

    /** As {@link #open(Path, NoteKey)}, syncing every {@code syncPeriod} (zero: only on {@link #sync()} and close; for tests). */
    static TransparencyLog open(final Path dir, final NoteKey key, final Duration syncPeriod) {
        Objects.requireNonNull(key, "key");
        if (!key.canSign() || key.type() != NoteKey.TYPE_ED25519) {
            throw new IllegalArgumentException("the log key must be an Ed25519 note signing key");
        }
        final MerkleLogStore store = MerkleLogStore.open(dir.resolve("tree"));
        try {
            return new TransparencyLog(store, key, Cosignatures.open(dir.resolve("cosignatures")), syncPeriod);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * As {@link #open(Path, NoteKey)} for a ledger of {@code ledgerHeight} blocks: a tree whose last leaf
     * lies in a block the ledger does not have (blocks were lost or replaced) is discarded and rebuilt
     * from the blocks, so the log never claims more than the blocks hold; witnesses then see the
     * smaller or different tree. {@link #discardedLeaves()} says how many leaves were dropped.
     */
    public static TransparencyLog openFor(final Path dir, final NoteKey key, final long ledgerHeight) {
        final TransparencyLog log = open(dir, key);
        if (log.size() == 0 || log.resumeFrom().blockNumber() < ledgerHeight) {
            return log;
        }
        final long dropped = log.size();
        log.close();
        try (Stream<Path> files = Files.walk(dir.resolve("tree"))) {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot discard the transparency log in " + dir, e);
        }
        final TransparencyLog rebuilt = open(dir, key);
        rebuilt.discarded = dropped;
        return rebuilt;
    }

    /** Leaves of a tree ahead of the blocks that {@link #openFor} dropped (0 normally). */
    public long discardedLeaves() {
        return discarded;
    }

    /** Where replaying the blocks resumes: the transaction after the last leaf's. */
    public synchronized EventCheckpoint resumeFrom() {
        return next;
    }

    /**
     * Adds the event's leaf if its kind is logged; events at or before the last leaf's position (a
     * re-delivery) are skipped, so replays converge on one tree.
     */
    public void record(final LedgerEvent event) {
        synchronized (this) {
            final EventCheckpoint at = EventCheckpoint.of(event.block(), event.position());
            if (at.compareTo(next) < 0) {
                return;
            }
            final Optional<LogEntry> entry = LoggedEvents.entry(event);
            if (entry.isEmpty()) {
                return;
            }
            final long fingerprint = LeafIds.fingerprint(entry.get().type(), entry.get().id());
            final long leaf = store.size();
            store.append(entry.get().bytes(), fingerprint);
            ids.put(fingerprint, leaf);
            next = EventCheckpoint.of(event.block(), event.position() + 1);
        }
        synchronized (appended) {
            appended.notifyAll();
        }
    }

    /** Follows the embedded ledger from {@link #resumeFrom()}: catches up from the blocks, then stays at the head. */
    public void follow(final EmbeddedLedger ledger, final Consumer<Throwable> onError) {
        following = Optional.of(ledger.subscribe(resumeFrom(),
                e -> record(new LedgerEvent(e.blockNumber(), e.txIndex(), e.txId(), e.eventName(), e.payload())), onError));
    }

    /**
     * Forces the tree to disk and records its size. Not needed for correctness (the tree is rebuilt
     * from the blocks past the last sync); it bounds how much a restart replays.
     */
    public void sync() {
        store.sync();
    }

    /** Leaves in the tree now. */
    public long size() {
        return store.size();
    }

    /**
     * Waits until the tree has at least {@code size} leaves (the log follows commits asynchronously);
     * false if {@code timeout} passed first.
     */
    public boolean awaitSize(final long size, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (appended) {
            while (store.size() < size) {
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(appended, left);
            }
        }
        return true;
    }

    /** The checkpoint (unsigned body) of the tree's first {@code size} leaves. */
    public Checkpoint checkpointAt(final long size) {
        requireSize("treeSize", size);
        return new Checkpoint(key.name(), size, MerkleProofs.rootHash(store, size));
    }

    /** The signed checkpoint of the whole tree now, with the cosignatures received for it. */
    public SignedNote checkpoint() {
        final long size = store.size();
        SignedNote note = latest;
        if (note == null || Checkpoint.parse(note.text()).size() != size) {
            note = SignedNote.sign(checkpointAt(size).text(), key);
            latest = note;
        }
        for (final SignedNote.Line line : cosignatures.of(size)) {
            note = note.with(line);
        }
        return note;
    }

    /** Verifies {@code cosigned} is one of this log's checkpoints and keeps its cosignature lines by trusted witnesses. */
    public int addCosignatures(final SignedNote cosigned, final List<NoteKey> witnesses) {
        final Checkpoint claimed = Checkpoint.parse(cosigned.text());
        if (!cosigned.verifiedBy(key) || !claimed.equals(checkpointAt(claimed.size()))) {
            throw new IllegalArgumentException("not a checkpoint of this log");
        }
        return cosignatures.add(claimed.size(), cosigned, witnesses);
    }

    public List<byte[]> inclusionProof(final long leafIndex, final long treeSize) {
        requireSize("treeSize", treeSize);
        return MerkleProofs.inclusionProof(store, leafIndex, treeSize);
    }

    public List<byte[]> consistencyProof(final long from, final long to) {
        requireSize("to", to);
        return MerkleProofs.consistencyProof(store, from, to);
    }

    /** The leaf recording {@code (type, id)} (e.g. {@code access-event}, an event ID), if it is in the tree. */
    public OptionalLong find(final String type, final String id) {
        final long[] found = {-1};
        ids.candidates(LeafIds.fingerprint(type, id), leaf -> {
            if (found[0] < 0) {
                final LogEntry entry = entry(leaf);
                if (entry.type().equals(type) && entry.id().equals(id)) {
                    found[0] = leaf;
                }
            }
        });
        return found[0] < 0 ? OptionalLong.empty() : OptionalLong.of(found[0]);
    }

    public LogEntry entry(final long leafIndex) {
        return LogEntry.parse(store.entry(leafIndex));
    }

    /** The log's verifier key ({@code name+hash+key}), for witnesses and auditors. */
    public String verifierKey() {
        return key.verifierKey();
    }

    private void requireSize(final String field, final long size) {
        if (size < 0 || size > store.size()) {
            throw new IllegalArgumentException(field + " must be between 0 and the tree size " + store.size());
        }
    }

    /** Stops following, syncs and closes the files. */
    @Override
    public void close() {
        following.ifPresent(Subscription::close);
        syncer.shutdownNow();
        synchronized (this) {
            store.close();
        }
    }
}
