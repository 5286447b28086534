package io.custodia.gateway.ledger.embedded;

import io.custodia.gateway.ledger.Committed;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.ledger.ChaincodeFailure;
import io.custodia.ledger.CommitResult;
import io.custodia.ledger.EmbeddedLedger;
import io.custodia.ledger.LedgerConfig;
import io.custodia.ledger.LedgerInfo;
import io.custodia.ledger.LedgerStorageException;
import io.custodia.ledger.VerificationAnchor;
import io.custodia.ledger.VerificationReport;
import io.custodia.ledger.identity.Identity;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link LedgerClient} over the embedded ledger. Each (organisation, role) the gateway acts for gets
 * an identity from that organisation's embedded CA, issued on first use and kept on disk, so the
 * chaincode sees the same MSP IDs and {@code custodia.role} attributes it would see on Fabric.
 */
public final class EmbeddedLedgerClient implements LedgerClient {
    private final EmbeddedLedger ledger;
    private final Map<LedgerCaller, Identity> identities = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    private EmbeddedLedgerClient(final EmbeddedLedger ledger) {
        this.ledger = ledger;
    }

    /** Opens (or creates) the embedded ledger in {@code dataDir}. */
    public static EmbeddedLedgerClient open(final LedgerConfig config) {
        return new EmbeddedLedgerClient(EmbeddedLedger.open(config));
    }

    @Override
    public Committed submit(final LedgerCaller caller, final String function, final String... args) throws LedgerException {
        final CommitResult result;
        try {
            result = ledger.submit(identity(caller), function, args);
        } catch (ChaincodeFailure e) {
            throw new LedgerException.Rejected(e.errorCode(), e.getMessage());
        } catch (LedgerStorageException e) {
            throw new LedgerException.StorageUnavailable("embedded ledger cannot write: " + e.getMessage(), e.full(), e);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        if (!result.isValid()) {
            throw new LedgerException.Invalidated(result.txId(), result.validationCode().name());
        }
        return new Committed(result.txId(), result.blockNumber(), result.payload());
    }

    @Override
    public byte[] evaluate(final LedgerCaller caller, final String function, final String... args) throws LedgerException {
        try {
            return ledger.evaluate(identity(caller), function, args);
        } catch (ChaincodeFailure e) {
            throw new LedgerException.Rejected(e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    @Override
    public LedgerStatus status() throws LedgerException {
        try {
            final LedgerInfo info = ledger.info();
            return new LedgerStatus("embedded", info.height(), info.headBlockHash(), info.transactionCount());
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    @Override
    public LedgerVerification verify(final Optional<VerificationAnchor> anchor) throws LedgerException {
        try {
            final VerificationReport report = ledger.verify(anchor.orElse(null));
            return new LedgerVerification(report.ok(), report.blocksChecked(), report.transactionsChecked(),
                    report.signaturesFromBlock(), report.head().orElse(null),
                    report.firstBadBlock().isPresent() ? report.firstBadBlock().getAsLong() : null,
                    report.ok() ? null : report.reason());
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** From the ledger's transaction-ID index: one multi-get for the whole collection. */
    @Override
    public Map<String, TransactionStatus> transactions(final Collection<String> txIds) throws LedgerException {
        try {
            final Map<String, TransactionStatus> out = new HashMap<>();
            for (final io.custodia.ledger.TransactionStatus t : ledger.transactions(List.copyOf(new LinkedHashSet<>(txIds)))) {
                out.put(t.txId(), TransactionStatus.of(t.txId(), t.validationCode().name(), t.blockNumber(), t.position()));
            }
            return out;
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<byte[]> committedResponse(final String txId) throws LedgerException {
        try {
            return ledger.committedResponse(txId);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** Not ready while the ledger cannot write (disk full, I/O error): asking also notices that space was freed. */
    @Override
    public boolean isReady() {
        return open && ledger.writeProblem().isEmpty();
    }

    @Override
    public void close() {
        open = false;
        ledger.close();
    }

    /** The identity of {@code caller}, for the development credentials the README prints. */
    public Identity identity(final LedgerCaller caller) {
        return identities.computeIfAbsent(caller,
                c -> ledger.identity(c.mspId(), "gateway-" + c.role(), Map.of("custodia.role", c.role())));
    }

    /** The embedded ledger itself, for benchmarks and tools that need more than the client interface. */
    public EmbeddedLedger ledger() {
        return ledger;
    }

    private static LedgerException unavailable(final RuntimeException e) {
        return new LedgerException.Unavailable("embedded ledger failed: " + e.getMessage(), e);
    }
}
