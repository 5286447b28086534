package io.custodia.chaincode.custody;

import static io.custodia.chaincode.custody.CustodySamples.C0;
import static io.custodia.chaincode.custody.CustodySamples.C1;
import static io.custodia.chaincode.custody.CustodySamples.ORG1_SIGNER;
import static io.custodia.chaincode.custody.CustodySamples.ORG2_SIGNER;
import static io.custodia.chaincode.custody.CustodySamples.hop;
import static io.custodia.chaincode.custody.CustodySamples.keyId;
import static io.custodia.chaincode.custody.CustodySamples.statement;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.CustodyHopStatement;
import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.Samples;
import io.custodia.chaincode.testing.TxResult;
import io.custodia.chaincode.testing.WriteSets;
import io.custodia.ledger.identity.Identity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecordCustodyHopTest {
    private static final CustodyHopStatement S1 = statement(1, "", "Org1MSP", "Org2MSP", "TRANSFER", C0);
    private static final CustodyHopStatement S2 = statement(2, S1.hopHash(), "Org2MSP", "Org1MSP", "COPY", C0);
    private static final CustodyHopStatement S3 = statement(3, S2.hopHash(), "Org1MSP", "Org1MSP", "DERIVE", C1);
    private static final CustodyHopStatement S4 = statement(4, S3.hopHash(), "Org2MSP", "Org2MSP", "DELETE", C1);
    /** Signed once, so two ledgers given the same calls see the same bytes. */
    private static final List<String> CHAIN = List.of(
            hop(ORG1_SIGNER, S1), hop(ORG2_SIGNER, S2), hop(ORG1_SIGNER, S3), hop(ORG2_SIGNER, S4));
    private static final List<Identity> SENDERS = List.of(
            ChaincodeFixture.org1(), ChaincodeFixture.org2(), ChaincodeFixture.org1(), ChaincodeFixture.org2());

    private final ChaincodeFixture ledger = CustodySamples.ledgerWithDatasetAndKeys();

    @Test
    void records_a_chain_of_transfer_copy_derive_and_delete_and_tracks_holders() {
        for (int i = 0; i < CHAIN.size(); i++) {
            TxResult result = ledger.submit(SENDERS.get(i), "custody:RecordCustodyHop", CHAIN.get(i));
            assertThat(result.ok()).as("hop " + (i + 1) + ": " + result).isTrue();
            assertThat(result.eventName()).isEqualTo("CustodyHopRecorded");
        }

        CustodyHead head = ledger.evaluate(ChaincodeFixture.auditor(), "custody:GetCustodyHead", "ds-1").payloadAs(CustodyHead.class);
        assertThat(head.sequence()).isEqualTo(4);
        assertThat(head.lastHopHash()).isEqualTo(S4.hopHash());
        assertThat(head.contentHash()).isEqualTo(C1);
        assertThat(head.holders()).containsExactly("Org1MSP");
    }

    @Test
    void holders_follow_each_action() {
        assertThat(recordAndHolders(0)).containsExactly("Org2MSP");
        assertThat(recordAndHolders(1)).containsExactly("Org1MSP", "Org2MSP");
        assertThat(recordAndHolders(2)).containsExactly("Org1MSP", "Org2MSP");
        assertThat(recordAndHolders(3)).containsExactly("Org1MSP");
    }

    @Test
    void the_head_before_any_hop_is_the_owner_holding_the_registered_content() {
        CustodyHead head = ledger.evaluate(ChaincodeFixture.org2(), "custody:GetCustodyHead", "ds-1").payloadAs(CustodyHead.class);

        assertThat(head.sequence()).isZero();
        assertThat(head.lastHopHash()).isEmpty();
        assertThat(head.contentHash()).isEqualTo(C0);
        assertThat(head.holders()).containsExactly("Org1MSP");
        assertThat(ledger.evaluate(ChaincodeFixture.org2(), "custody:GetCustodyHead", "ds-9").errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void stores_hop_and_head_as_exact_canonical_json_and_emits_the_hop_event() {
        TxResult result = ledger.submit(ChaincodeFixture.org1(), "custody:RecordCustodyHop", CHAIN.get(0));

        String signature = result.payloadAs(CustodyHopRecord.class).hop().signature();
        assertThat(raw("CUSTODY_HOP\u0001ds-1\u00010000000000000000001")).isEqualTo("{\"hop\":{\"action\":\"TRANSFER\","
                + "\"contentHash\":\"" + C0 + "\",\"datasetId\":\"ds-1\",\"from\":\"Org1MSP\",\"keyId\":\"" + keyId(ORG1_SIGNER)
                + "\",\"previousHopHash\":\"\",\"sequence\":1,\"signature\":\"" + signature + "\",\"to\":\"Org2MSP\"},"
                + "\"hopHash\":\"" + S1.hopHash() + "\",\"recordedAt\":\"2026-01-01T00:00:03Z\",\"txId\":\"" + result.txId() + "\"}");
        assertThat(raw("CUSTODY_HEAD\u0001ds-1")).isEqualTo("{\"contentHash\":\"" + C0 + "\",\"datasetId\":\"ds-1\","
                + "\"holders\":[\"Org2MSP\"],\"lastHopHash\":\"" + S1.hopHash() + "\",\"sequence\":1}");
        assertThat(result.writes()).containsOnlyKeys("CUSTODY_HOP\u0001ds-1\u00010000000000000000001", "CUSTODY_HEAD\u0001ds-1");
        assertThat(result.eventPayload()).isEqualTo("{\"action\":\"TRANSFER\",\"contentHash\":\"" + C0
                + "\",\"datasetId\":\"ds-1\",\"from\":\"Org1MSP\",\"hopHash\":\"" + S1.hopHash()
                + "\",\"sequence\":1,\"to\":\"Org2MSP\"}");
    }

    @Test
    void refuses_a_forged_signature() {
        CustodyHopStatement signedInstead = statement(1, "", "Org1MSP", "Org3MSP", "TRANSFER", C0);

        assertRefused(ChaincodeFixture.org1(), hop(ORG1_SIGNER, S1, signedInstead), "CUSTODY_SIGNATURE_INVALID");
        assertRefused(ChaincodeFixture.org1(), CHAIN.get(0).replace(keyId(ORG1_SIGNER), keyId(CustodySamples.ORG1_SECOND_SIGNER)),
                "CUSTODY_KEY_UNKNOWN");
    }

    @Test
    void refuses_a_signature_by_a_key_registered_to_another_organisation() {
        assertRefused(ChaincodeFixture.org1(), hop(ORG2_SIGNER, S1), "CUSTODY_KEY_UNKNOWN");
    }

    @Test
    void refuses_a_second_key_of_the_sender_that_was_never_registered_until_it_is() {
        String withSecondKey = hop(CustodySamples.ORG1_SECOND_SIGNER, S1);
        assertRefused(ChaincodeFixture.org1(), withSecondKey, "CUSTODY_KEY_UNKNOWN");

        ledger.submit(ChaincodeFixture.org1(), "custody:RegisterCustodyKey", CustodySamples.ORG1_SECOND_SIGNER.certificatePem());

        assertThat(ledger.submit(ChaincodeFixture.org1(), "custody:RecordCustodyHop", withSecondKey).ok()).isTrue();
    }

    @Test
    void refuses_hops_signed_with_a_revoked_key_but_keeps_earlier_hops_valid() {
        ledger.submit(ChaincodeFixture.org1(), "custody:RecordCustodyHop", CHAIN.get(0));
        ledger.submit(ChaincodeFixture.org2(), "custody:RecordCustodyHop", CHAIN.get(1));
        ledger.submit(ChaincodeFixture.org1(), "custody:RevokeCustodyKey", keyId(ORG1_SIGNER));

        assertRefused(ChaincodeFixture.org1(), CHAIN.get(2), "CUSTODY_KEY_UNKNOWN");
        ChainVerification verification = ledger.evaluate(ChaincodeFixture.auditor(), "custody:VerifyCustodyChain", "ds-1")
                .payloadAs(ChainVerification.class);
        assertThat(verification.valid()).isTrue();
        assertThat(verification.hopCount()).isEqualTo(2);
    }

    @Test
    void refuses_a_replayed_hop() {
        ledger.submit(ChaincodeFixture.org1(), "custody:RecordCustodyHop", CHAIN.get(0));

        TxResult replay = assertRefused(ChaincodeFixture.org1(), CHAIN.get(0), "CUSTODY_CONTINUITY_BROKEN");

        assertThat(replay.message()).startsWith("sequence must be 2");
    }

    @Test
    void refuses_a_broken_previous_hop_hash() {
        ledger.submit(ChaincodeFixture.org1(), "custody:RecordCustodyHop", CHAIN.get(0));
        CustodyHopStatement unlinked = statement(2, Samples.hash("elsewhere"), "Org2MSP", "Org1MSP", "COPY", C0);

        TxResult result = assertRefused(ChaincodeFixture.org2(), hop(ORG2_SIGNER, unlinked), "CUSTODY_CONTINUITY_BROKEN");

        assertThat(result.message()).startsWith("previousHopHash must be");
        assertRefused(ChaincodeFixture.org2(), hop(ORG2_SIGNER, statement(2, "", "Org2MSP", "Org1MSP", "COPY", C0)),
                "CUSTODY_CONTINUITY_BROKEN");
    }

    @Test
    void refuses_a_content_hash_change_without_derive() {
        TxResult result = assertRefused(ChaincodeFixture.org1(),
                hop(ORG1_SIGNER, statement(1, "", "Org1MSP", "Org2MSP", "TRANSFER", C1)), "CUSTODY_CONTINUITY_BROKEN");

        assertThat(result.message()).startsWith("contentHash must be " + C0);
    }

    @Test
    void refuses_a_sender_who_does_not_hold_the_dataset() {
        assertRefused(ChaincodeFixture.org2(), hop(ORG2_SIGNER, statement(1, "", "Org2MSP", "Org1MSP", "COPY", C0)),
                "CUSTODY_NOT_HOLDER");
        ledger.submit(ChaincodeFixture.org1(), "custody:RecordCustodyHop", CHAIN.get(0));
        assertRefused(ChaincodeFixture.org1(), hop(ORG1_SIGNER, statement(2, S1.hopHash(), "Org1MSP", "Org2MSP", "COPY", C0)),
                "CUSTODY_NOT_HOLDER");
    }

    @Test
    void refuses_hops_on_a_withdrawn_dataset() {
        ledger.submit(ChaincodeFixture.org1(), "datasets:WithdrawDataset", "ds-1", "consent-withdrawn");

        assertRefused(ChaincodeFixture.org1(), CHAIN.get(0), "DATASET_WITHDRAWN");
    }

    @Test
    void refuses_a_caller_recording_a_hop_sent_by_another_organisation() {
        assertRefused(ChaincodeFixture.org2(), CHAIN.get(0), "NOT_OWNER");
    }

    @ParameterizedTest
    @MethodSource("io.custodia.chaincode.dataset.RegisterDatasetTest#nonInstitutions")
    void refuses_callers_who_are_not_institutions(final Identity caller) {
        assertRefused(caller, CHAIN.get(0), "ROLE_FORBIDDEN");
    }

    @Test
    void rejects_malformed_hops_naming_the_field() {
        assertThat(assertRefused(ChaincodeFixture.org1(), CHAIN.get(0).replace("\"to\":\"Org2MSP\"", "\"to\":\"Org1MSP\""),
                "INVALID_ARGUMENT").message()).startsWith("to:");
        assertThat(assertRefused(ChaincodeFixture.org1(), hop(ORG1_SIGNER, statement(1, "", "Org1MSP", "Org2MSP", "DELETE", C0)),
                "INVALID_ARGUMENT").message()).startsWith("to:");
        assertThat(assertRefused(ChaincodeFixture.org1(), CHAIN.get(0).replaceFirst("\"signature\":\"[^\"]*\"", "\"signature\":\"%%%\""),
                "INVALID_ARGUMENT").message()).startsWith("signature:");
        assertThat(assertRefused(ChaincodeFixture.org1(), CHAIN.get(0).replace("\"sequence\":1", "\"sequence\":0"),
                "INVALID_ARGUMENT").message()).startsWith("sequence:");
        assertThat(assertRefused(ChaincodeFixture.org1(), CHAIN.get(0).replace("\"TRANSFER\"", "\"LEND\""),
                "INVALID_ARGUMENT").message()).startsWith("action");
        assertRefused(ChaincodeFixture.org1(), CHAIN.get(0).replace("\"ds-1\"", "\"ds-9\""), "NOT_FOUND");
    }

    @Test
    void the_same_calls_on_two_ledgers_write_identical_bytes() {
        ChaincodeFixture other = CustodySamples.ledgerWithDatasetAndKeys();

        for (int i = 0; i < CHAIN.size(); i++) {
            TxResult a = ledger.submit(SENDERS.get(i), "custody:RecordCustodyHop", CHAIN.get(i));
            TxResult b = other.submit(SENDERS.get(i), "custody:RecordCustodyHop", CHAIN.get(i));

            assertThat(a.ok()).isTrue();
            assertThat(WriteSets.lines(a.writes())).isEqualTo(WriteSets.lines(b.writes()));
            assertThat(a.eventPayload()).isEqualTo(b.eventPayload());
        }
    }

    private List<String> recordAndHolders(final int index) {
        TxResult result = ledger.submit(SENDERS.get(index), "custody:RecordCustodyHop", CHAIN.get(index));
        assertThat(result.ok()).as(result.toString()).isTrue();
        return ledger.evaluate(ChaincodeFixture.org1(), "custody:GetCustodyHead", "ds-1").payloadAs(CustodyHead.class).holders();
    }

    private TxResult assertRefused(final Identity caller, final String hopJson, final String code) {
        var before = ledger.snapshot();

        TxResult result = ledger.submit(caller, "custody:RecordCustodyHop", hopJson);

        assertThat(result.errorCode()).as(result.toString()).isEqualTo(code);
        assertThat(ledger.snapshot()).isEqualTo(before);
        return result;
    }

    private String raw(final String key) {
        byte[] value = ledger.rawState(key);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
