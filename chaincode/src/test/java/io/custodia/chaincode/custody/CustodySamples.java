package io.custodia.chaincode.custody;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.CustodyHopStatement;
import io.custodia.canonical.Signatures;
import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.Samples;
import io.custodia.ledger.identity.CertificateAuthority;
import io.custodia.ledger.identity.Identity;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** Custody signing keys and signed hops for tests; keys are made once per JVM. */
final class CustodySamples {
    static final Identity ORG1_SIGNER = CertificateAuthority.create("Org1MSP").issue("custody-signer", Map.of());
    static final Identity ORG2_SIGNER = CertificateAuthority.create("Org2MSP").issue("custody-signer", Map.of());
    static final Identity ORG1_SECOND_SIGNER = CertificateAuthority.create("Org1MSP").issue("custody-signer-2", Map.of());

    /** Content hash of the sample dataset "ds-1" as registered. */
    static final String C0 = Samples.hash("content-ds-1");
    /** Content hash after a derivation. */
    static final String C1 = Samples.hash("content-ds-1-derived");

    private CustodySamples() {}

    static String keyId(final Identity signer) {
        return Signatures.fingerprint(signer.certificate());
    }

    /** The hop JSON signed by {@code signer} over exactly its statement. */
    static String hop(final Identity signer, final CustodyHopStatement statement) {
        return hop(signer, statement, statement);
    }

    /** A hop claiming {@code claimed} but carrying {@code signer}'s signature over {@code signed}. */
    static String hop(final Identity signer, final CustodyHopStatement claimed, final CustodyHopStatement signed) {
        final Map<String, Object> json = new TreeMap<>();
        json.put("datasetId", claimed.datasetId());
        json.put("sequence", claimed.sequence());
        json.put("previousHopHash", claimed.previousHopHash());
        json.put("from", claimed.from());
        json.put("to", claimed.to());
        json.put("action", claimed.action());
        json.put("contentHash", claimed.contentHash());
        json.put("keyId", keyId(signer));
        json.put("signature", Base64.getEncoder().encodeToString(signer.sign(signed.signingBytes())));
        return CanonicalJson.toString(json);
    }

    static CustodyHopStatement statement(final long sequence, final String previous, final String from, final String to,
            final String action, final String contentHash) {
        return CustodyHopStatement.of("ds-1", sequence, previous, from, to, action, contentHash);
    }

    /** A ledger with dataset ds-1 of Org1 and the custody keys of Org1 and Org2 registered. */
    static ChaincodeFixture ledgerWithDatasetAndKeys() {
        final ChaincodeFixture ledger = new ChaincodeFixture();
        require(ledger.submit(ChaincodeFixture.org1(), "datasets:RegisterDataset", Samples.datasetJson("ds-1"), "[]").ok());
        require(ledger.submit(ChaincodeFixture.org1(), "custody:RegisterCustodyKey", ORG1_SIGNER.certificatePem()).ok());
        require(ledger.submit(ChaincodeFixture.org2(), "custody:RegisterCustodyKey", ORG2_SIGNER.certificatePem()).ok());
        return ledger;
    }

    private static void require(final boolean ok) {
        if (!ok) {
            throw new IllegalStateException("test set-up transaction failed");
        }
    }
}
