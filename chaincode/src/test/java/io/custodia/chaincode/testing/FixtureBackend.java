package io.custodia.chaincode.testing;

import io.custodia.ledger.identity.Identity;

/** The in-memory {@link ChaincodeFixture} as a {@link LedgerBackend}. */
public final class FixtureBackend implements LedgerBackend {
    private final ChaincodeFixture fixture = new ChaincodeFixture();

    @Override
    public String name() {
        return "in-memory fixture";
    }

    @Override
    public Identity org1() {
        return ChaincodeFixture.org1();
    }

    @Override
    public Identity org2() {
        return ChaincodeFixture.org2();
    }

    @Override
    public Identity auditor() {
        return ChaincodeFixture.auditor();
    }

    @Override
    public TxResult submit(final Identity caller, final String function, final String... args) {
        return fixture.submit(caller, function, args);
    }

    @Override
    public TxResult evaluate(final Identity caller, final String function, final String... args) {
        return fixture.evaluate(caller, function, args);
    }

    @Override
    public void close() {}
}
