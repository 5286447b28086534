package io.custodia.chaincode.testing;

import io.custodia.ledger.identity.Identity;

/**
 * Where a scenario runs: the in-memory fixture or the real embedded ledger. The same scenario on both
 * must produce the same outcomes, which is how the embedded ledger is shown to be faithful.
 */
public interface LedgerBackend extends AutoCloseable {
    String name();

    /** The institution of Org1MSP, Org2MSP, or the auditor, as identities this backend accepts. */
    Identity org1();

    Identity org2();

    Identity auditor();

    TxResult submit(Identity caller, String function, String... args);

    TxResult evaluate(Identity caller, String function, String... args);

    @Override
    void close();
}
