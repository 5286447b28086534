package io.custodia.chaincode.custody;

import static io.custodia.chaincode.custody.CustodySamples.ORG1_SIGNER;
import static io.custodia.chaincode.custody.CustodySamples.keyId;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.Signatures;
import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.TxResult;
import io.custodia.ledger.identity.Identity;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CustodyKeysTest {
    private final ChaincodeFixture ledger = new ChaincodeFixture();

    @Test
    void registers_a_certificate_under_its_fingerprint_for_the_callers_organisation() throws Exception {
        TxResult result = ledger.submit(ChaincodeFixture.org1(), "custody:RegisterCustodyKey", ORG1_SIGNER.certificatePem());

        assertThat(result.ok()).as(result.toString()).isTrue();
        CustodyKeyRecord key = result.payloadAs(CustodyKeyRecord.class);
        assertThat(key.keyId()).isEqualTo(keyId(ORG1_SIGNER));
        assertThat(key.owner()).isEqualTo("Org1MSP");
        assertThat(key.status()).isEqualTo(CustodyKeyStatus.ACTIVE);
        assertThat(Signatures.fingerprint(Signatures.parseCertificate(key.certificatePem()))).isEqualTo(keyId(ORG1_SIGNER));
        assertThat(result.eventName()).isEqualTo("CustodyKeyRegistered");
        assertThat(result.eventPayload()).isEqualTo("{\"keyId\":\"" + keyId(ORG1_SIGNER) + "\",\"owner\":\"Org1MSP\"}");
    }

    @Test
    void stores_the_key_record_as_exact_canonical_json_with_a_normalised_pem() {
        String crlf = ORG1_SIGNER.certificatePem().replace("\n", "\r\n");

        TxResult result = ledger.submit(ChaincodeFixture.org1(), "custody:RegisterCustodyKey", crlf);

        String pem = result.payloadAs(CustodyKeyRecord.class).certificatePem();
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n").doesNotContain("\r");
        assertThat(raw("CUSTODY_KEY\u0001Org1MSP\u0001" + keyId(ORG1_SIGNER))).isEqualTo("{\"certificatePem\":\""
                + pem.replace("\n", "\\n") + "\",\"keyId\":\"" + keyId(ORG1_SIGNER) + "\",\"owner\":\"Org1MSP\","
                + "\"registeredAt\":\"2026-01-01T00:00:00Z\",\"registeredTxId\":\"" + result.txId() + "\",\"status\":\"ACTIVE\"}");
        assertThat(result.writes()).containsOnlyKeys("CUSTODY_KEY\u0001Org1MSP\u0001" + keyId(ORG1_SIGNER));
    }

    @Test
    void rejects_a_second_registration_and_anything_that_is_not_a_p256_certificate() {
        ledger.submit(ChaincodeFixture.org1(), "custody:RegisterCustodyKey", ORG1_SIGNER.certificatePem());
        var before = ledger.snapshot();

        TxResult again = ledger.submit(ChaincodeFixture.org1(), "custody:RegisterCustodyKey", ORG1_SIGNER.certificatePem());
        TxResult garbage = ledger.submit(ChaincodeFixture.org1(), "custody:RegisterCustodyKey", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        TxResult key = ledger.submit(ChaincodeFixture.org1(), "custody:RegisterCustodyKey", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        TxResult huge = ledger.submit(ChaincodeFixture.org1(), "custody:RegisterCustodyKey", "x".repeat(20_000));

        assertThat(again.errorCode()).isEqualTo("ALREADY_EXISTS");
        assertThat(garbage.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(garbage.message()).startsWith("certificatePem:");
        assertThat(key.message()).startsWith("certificatePem:");
        assertThat(huge.message()).startsWith("certificatePem:");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("io.custodia.chaincode.dataset.RegisterDatasetTest#nonInstitutions")
    void only_institutions_register_and_revoke_keys(final Identity caller) {
        ledger.submit(ChaincodeFixture.org1(), "custody:RegisterCustodyKey", ORG1_SIGNER.certificatePem());
        var before = ledger.snapshot();

        TxResult register = ledger.submit(caller, "custody:RegisterCustodyKey", CustodySamples.ORG1_SECOND_SIGNER.certificatePem());
        TxResult revoke = ledger.submit(caller, "custody:RevokeCustodyKey", keyId(ORG1_SIGNER));

        assertThat(register.errorCode()).isEqualTo("ROLE_FORBIDDEN");
        assertThat(revoke.errorCode()).isEqualTo("ROLE_FORBIDDEN");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void revokes_an_own_active_key_once() {
        ledger.submit(ChaincodeFixture.org1(), "custody:RegisterCustodyKey", ORG1_SIGNER.certificatePem());

        TxResult revoked = ledger.submit(ChaincodeFixture.org1(), "custody:RevokeCustodyKey", keyId(ORG1_SIGNER));
        var before = ledger.snapshot();
        TxResult again = ledger.submit(ChaincodeFixture.org1(), "custody:RevokeCustodyKey", keyId(ORG1_SIGNER));

        assertThat(revoked.ok()).as(revoked.toString()).isTrue();
        CustodyKeyRecord key = revoked.payloadAs(CustodyKeyRecord.class);
        assertThat(key.status()).isEqualTo(CustodyKeyStatus.REVOKED);
        assertThat(key.revokedAt()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(key.revokedTxId()).isEqualTo(revoked.txId());
        assertThat(revoked.eventName()).isEqualTo("CustodyKeyRevoked");
        assertThat(raw("CUSTODY_KEY\u0001Org1MSP\u0001" + keyId(ORG1_SIGNER)))
                .contains(",\"revokedAt\":\"2026-01-01T00:00:01Z\",\"revokedTxId\":\"" + revoked.txId() + "\",\"status\":\"REVOKED\"}");
        assertThat(again.errorCode()).isEqualTo("STATE_CONFLICT");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void a_key_of_another_organisation_is_not_found_like_a_missing_one() {
        ledger.submit(ChaincodeFixture.org1(), "custody:RegisterCustodyKey", ORG1_SIGNER.certificatePem());
        var before = ledger.snapshot();

        TxResult foreign = ledger.submit(ChaincodeFixture.org2(), "custody:RevokeCustodyKey", keyId(ORG1_SIGNER));
        TxResult malformed = ledger.submit(ChaincodeFixture.org1(), "custody:RevokeCustodyKey", "not-a-key-id");

        assertThat(foreign.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(malformed.message()).startsWith("keyId:");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void anyone_with_a_role_reads_a_key_record() {
        TxResult registered = ledger.submit(ChaincodeFixture.org1(), "custody:RegisterCustodyKey", ORG1_SIGNER.certificatePem());

        TxResult read = ledger.evaluate(ChaincodeFixture.auditor(), "custody:GetCustodyKey", "Org1MSP", keyId(ORG1_SIGNER));
        TxResult wrongOrg = ledger.evaluate(ChaincodeFixture.auditor(), "custody:GetCustodyKey", "Org2MSP", keyId(ORG1_SIGNER));
        TxResult noRole = ledger.evaluate(ChaincodeFixture.org1WithoutRole(), "custody:GetCustodyKey", "Org1MSP", keyId(ORG1_SIGNER));

        assertThat(read.payload()).isEqualTo(registered.payload());
        assertThat(wrongOrg.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(noRole.errorCode()).isEqualTo("ROLE_FORBIDDEN");
    }

    private String raw(final String key) {
        byte[] value = ledger.rawState(key);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
