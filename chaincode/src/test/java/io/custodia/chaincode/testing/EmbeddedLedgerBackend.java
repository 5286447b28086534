package io.custodia.chaincode.testing;

import io.custodia.chaincode.support.Role;
import io.custodia.ledger.ChaincodeFailure;
import io.custodia.ledger.CommitResult;
import io.custodia.ledger.EmbeddedLedger;
import io.custodia.ledger.LedgerConfig;
import io.custodia.ledger.identity.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real embedded ledger (durable blocks, RocksDB state, MVCC, signatures) in a temporary directory
 * as a {@link LedgerBackend}. Submits return only after the block is on disk.
 */
public final class EmbeddedLedgerBackend implements LedgerBackend {
    private final Path dir;
    private final EmbeddedLedger ledger;

    public EmbeddedLedgerBackend() {
        try {
            dir = Files.createTempDirectory("custodia-cc-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ledger = EmbeddedLedger.open(LedgerConfig.builder(dir).build());
    }

    public EmbeddedLedger ledger() {
        return ledger;
    }

    @Override
    public String name() {
        return "embedded ledger";
    }

    @Override
    public Identity org1() {
        return ledger.identity("Org1MSP", "org1-gateway", Map.of(Role.ATTRIBUTE, Role.INSTITUTION.attributeValue()));
    }

    @Override
    public Identity org2() {
        return ledger.identity("Org2MSP", "org2-gateway", Map.of(Role.ATTRIBUTE, Role.INSTITUTION.attributeValue()));
    }

    @Override
    public Identity auditor() {
        return ledger.identity("AuditorMSP", "dpo", Map.of(Role.ATTRIBUTE, Role.AUDITOR.attributeValue()));
    }

    @Override
    public TxResult submit(final Identity caller, final String function, final String... args) {
        try {
            final CommitResult result = ledger.submit(caller, function, args);
            if (!result.isValid()) {
                return new TxResult(result.txId(), 409, result.validationCode().name(),
                        result.validationCode().name().getBytes(java.nio.charset.StandardCharsets.UTF_8), new LinkedHashMap<>(), null, null);
            }
            return new TxResult(result.txId(), 200, "", result.payload(), new LinkedHashMap<>(), null, null);
        } catch (ChaincodeFailure e) {
            return new TxResult(e.txId(), e.status(), e.getMessage(), e.payload(), new LinkedHashMap<>(), null, null);
        }
    }

    @Override
    public TxResult evaluate(final Identity caller, final String function, final String... args) {
        try {
            return new TxResult("", 200, "", ledger.evaluate(caller, function, args), new LinkedHashMap<>(), null, null);
        } catch (ChaincodeFailure e) {
            return new TxResult(e.txId(), e.status(), e.getMessage(), e.payload(), new LinkedHashMap<>(), null, null);
        }
    }

    @Override
    public void close() {
        ledger.close();
    }
}
