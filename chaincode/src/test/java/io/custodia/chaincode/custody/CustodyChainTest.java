package io.custodia.chaincode.custody;

import static io.custodia.chaincode.custody.CustodySamples.C0;
import static io.custodia.chaincode.custody.CustodySamples.C1;
import static io.custodia.chaincode.custody.CustodySamples.ORG1_SIGNER;
import static io.custodia.chaincode.custody.CustodySamples.ORG2_SIGNER;
import static io.custodia.chaincode.custody.CustodySamples.hop;
import static io.custodia.chaincode.custody.CustodySamples.statement;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.CustodyHopStatement;
import io.custodia.canonical.Signatures;
import io.custodia.chaincode.testing.ChaincodeFixture;
import io.custodia.chaincode.testing.TxResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GetCustodyChain and VerifyCustodyChain over a four-hop chain. */
class CustodyChainTest {
    private static final CustodyHopStatement S1 = statement(1, "", "Org1MSP", "Org2MSP", "TRANSFER", C0);
    private static final CustodyHopStatement S2 = statement(2, S1.hopHash(), "Org2MSP", "Org1MSP", "COPY", C0);
    private static final CustodyHopStatement S3 = statement(3, S2.hopHash(), "Org1MSP", "Org1MSP", "DERIVE", C1);
    private static final CustodyHopStatement S4 = statement(4, S3.hopHash(), "Org2MSP", "Org2MSP", "DELETE", C1);
    private static final String HOP2_KEY = "CUSTODY_HOP\u0001ds-1\u00010000000000000000002";

    private final ChaincodeFixture ledger = CustodySamples.ledgerWithDatasetAndKeys();

    @BeforeEach
    void record_chain() {
        submit(ChaincodeFixture.org1(), hop(ORG1_SIGNER, S1));
        submit(ChaincodeFixture.org2(), hop(ORG2_SIGNER, S2));
        submit(ChaincodeFixture.org1(), hop(ORG1_SIGNER, S3));
        submit(ChaincodeFixture.org2(), hop(ORG2_SIGNER, S4));
    }

    @Test
    void pages_through_hops_in_order_with_everything_an_offline_verifier_needs() throws Exception {
        List<VerifiableHop> hops = new ArrayList<>();
        String bookmark = "";
        do {
            TxResult page = ledger.evaluate(ChaincodeFixture.auditor(), "custody:GetCustodyChain", "ds-1", "3", bookmark);
            assertThat(page.ok()).as(page.toString()).isTrue();
            ChainPage body = CanonicalJson.parse(page.payload(), ChainPage.class);
            hops.addAll(body.items);
            bookmark = body.bookmark;
        } while (!bookmark.isEmpty());

        assertThat(hops).extracting(h -> h.record().hop().sequence()).containsExactly(1L, 2L, 3L, 4L);
        String previous = "";
        for (VerifiableHop entry : hops) {
            CustodyHop hop = entry.record().hop();
            CustodyHopStatement rebuilt = CustodyHopStatement.of(hop.datasetId(), hop.sequence(), hop.previousHopHash(),
                    hop.from(), hop.to(), hop.action().name(), hop.contentHash());
            var certificate = Signatures.parseCertificate(entry.certificatePem());
            assertThat(Signatures.fingerprint(certificate)).isEqualTo(hop.keyId());
            assertThat(Signatures.verify(certificate, rebuilt.signingBytes(), Base64.getDecoder().decode(hop.signature()))).isTrue();
            assertThat(hop.previousHopHash()).isEqualTo(previous);
            assertThat(entry.record().hopHash()).isEqualTo(rebuilt.hopHash());
            assertThat(entry.keyStatus()).isEqualTo(CustodyKeyStatus.ACTIVE);
            previous = entry.record().hopHash();
        }
    }

    @Test
    void verifies_a_good_chain() {
        ChainVerification result = verify();

        assertThat(result.valid()).isTrue();
        assertThat(result.hopCount()).isEqualTo(4);
        assertThat(result.firstInvalidSequence()).isNull();
        assertThat(CanonicalJson.toString(result)).isEqualTo("{\"datasetId\":\"ds-1\",\"hopCount\":4,\"valid\":true}");
    }

    @Test
    void verifies_a_dataset_without_hops_as_an_empty_valid_chain() {
        ChaincodeFixture fresh = CustodySamples.ledgerWithDatasetAndKeys();

        TxResult result = fresh.evaluate(ChaincodeFixture.org2(), "custody:VerifyCustodyChain", "ds-1");

        assertThat(result.payload()).isEqualTo("{\"datasetId\":\"ds-1\",\"hopCount\":0,\"valid\":true}");
    }

    @Test
    void finds_a_tampered_hop_by_its_signature() {
        ledger.tamper(HOP2_KEY, raw(HOP2_KEY).replace("\"to\":\"Org1MSP\"", "\"to\":\"Org3MSP\"").getBytes(StandardCharsets.UTF_8));

        ChainVerification result = verify();

        assertThat(result.valid()).isFalse();
        assertThat(result.hopCount()).isEqualTo(4);
        assertThat(result.firstInvalidSequence()).isEqualTo(2L);
        assertThat(result.reason()).isEqualTo("signature-invalid");
    }

    @Test
    void finds_a_replaced_hop_hash_and_a_head_that_disagrees_with_the_hops() {
        String hop2 = raw(HOP2_KEY);
        ledger.tamper(HOP2_KEY, hop2.replace(S2.hopHash(), CustodySamples.C0).getBytes(StandardCharsets.UTF_8));
        assertThat(verify().reason()).isEqualTo("hop-hash-mismatch");
        ledger.tamper(HOP2_KEY, hop2.getBytes(StandardCharsets.UTF_8));

        ledger.tamper("CUSTODY_HEAD\u0001ds-1", raw("CUSTODY_HEAD\u0001ds-1").replace("[\"Org1MSP\"]", "[\"Org1MSP\",\"Org2MSP\"]")
                .getBytes(StandardCharsets.UTF_8));
        ChainVerification head = verify();

        assertThat(head.valid()).isFalse();
        assertThat(head.firstInvalidSequence()).isNull();
        assertThat(head.reason()).isEqualTo("head-mismatch");
    }

    @Test
    void finds_a_hop_copied_from_another_dataset() {
        ledger.tamper("CUSTODY_HOP\u0001ds-1\u00010000000000000000005",
                raw("CUSTODY_HOP\u0001ds-1\u00010000000000000000001").replace("\"ds-1\"", "\"ds-2\"").getBytes(StandardCharsets.UTF_8));

        ChainVerification result = verify();

        assertThat(result.firstInvalidSequence()).isEqualTo(5L);
        assertThat(result.reason()).isEqualTo("dataset-mismatch");
    }

    @Test
    void reports_revoked_keys_in_the_chain_but_still_verifies_their_earlier_hops() {
        ledger.submit(ChaincodeFixture.org1(), "custody:RevokeCustodyKey", CustodySamples.keyId(ORG1_SIGNER));

        TxResult page = ledger.evaluate(ChaincodeFixture.org2(), "custody:GetCustodyChain", "ds-1", "10", "");

        assertThat(CanonicalJson.parse(page.payload(), ChainPage.class).items.get(0).keyStatus()).isEqualTo(CustodyKeyStatus.REVOKED);
        assertThat(verify().valid()).isTrue();
    }

    @Test
    void refuses_unknown_datasets_foreign_bookmarks_and_callers_without_role() {
        assertThat(ledger.evaluate(ChaincodeFixture.org1(), "custody:GetCustodyChain", "ds-9", "10", "").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(ledger.evaluate(ChaincodeFixture.org1(), "custody:VerifyCustodyChain", "ds-9").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(ledger.evaluate(ChaincodeFixture.org1(), "custody:GetCustodyChain", "ds-1", "10", "CUSTODY_KEY\u0001x").message())
                .startsWith("bookmark:");
        assertThat(ledger.evaluate(ChaincodeFixture.org1(), "custody:GetCustodyChain", "ds-1", "0", "").message()).startsWith("pageSize:");
        assertThat(ledger.evaluate(ChaincodeFixture.org1WithoutRole(), "custody:GetCustodyChain", "ds-1", "10", "").errorCode())
                .isEqualTo("ROLE_FORBIDDEN");
        assertThat(ledger.evaluate(ChaincodeFixture.org1WithUnknownRole(), "custody:VerifyCustodyChain", "ds-1").errorCode())
                .isEqualTo("ROLE_FORBIDDEN");
    }

    private ChainVerification verify() {
        TxResult result = ledger.evaluate(ChaincodeFixture.auditor(), "custody:VerifyCustodyChain", "ds-1");
        assertThat(result.ok()).as(result.toString()).isTrue();
        return result.payloadAs(ChainVerification.class);
    }

    private void submit(final io.custodia.ledger.identity.Identity caller, final String hopJson) {
        TxResult result = ledger.submit(caller, "custody:RecordCustodyHop", hopJson);
        assertThat(result.ok()).as(result.toString()).isTrue();
    }

    private String raw(final String key) {
        return new String(ledger.rawState(key), StandardCharsets.UTF_8);
    }

    /** The JSON shape of a page of the chain. */
    static final class ChainPage {
        final List<VerifiableHop> items;
        final String bookmark;

        @com.fasterxml.jackson.annotation.JsonCreator
        ChainPage(final List<VerifiableHop> items, final String bookmark) {
            this.items = items;
            this.bookmark = bookmark;
        }
    }
}
