package io.custodia.gateway.ledger;

/**
 * Submits and evaluates chaincode transactions. {@link #submit} returns only after the ledger says the
 * transaction is VALID and durable; anything else is a {@link LedgerException}.
 *
 * <pre>{@code
 * Committed c = ledger.submit(LedgerCaller.institution("Org1MSP"), "datasets:RegisterDataset", descriptor, subjects);
 * byte[] record = ledger.evaluate(LedgerCaller.auditor("AuditorMSP"), "datasets:GetDataset", "ds-1");
 * }</pre>
 */
public interface LedgerClient extends AutoCloseable {
    Committed submit(LedgerCaller caller, String function, String... args) throws LedgerException;

    byte[] evaluate(LedgerCaller caller, String function, String... args) throws LedgerException;

    /** Height, head hash and transaction count. */
    LedgerStatus status() throws LedgerException;

    /** Walks the whole ledger and checks hashes and signatures. */
    LedgerVerification verify() throws LedgerException;

    /** Whether the ledger can take transactions now (readiness). */
    boolean isReady();

    @Override
    void close();

    /** Height and head of the ledger as the backend reports them. */
    record LedgerStatus(String backend, long height, String headBlockHash, long transactionCount) {}

    /** Result of a whole-ledger verification; {@code firstBadBlock} and {@code reason} are null when valid. */
    record LedgerVerification(boolean valid, long blocksChecked, long transactionsChecked, Long firstBadBlock, String reason) {}
}
