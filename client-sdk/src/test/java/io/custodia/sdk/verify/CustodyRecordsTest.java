package io.custodia.sdk.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.sdk.TestFiles;
import io.custodia.sdk.client.CustodyChainEntry;
import io.custodia.sdk.client.CustodyHopRecord;
import io.custodia.sdk.client.RecordedHop;
import io.custodia.sdk.custody.CustodyHop;
import io.custodia.sdk.custody.CustodyHopSigner;
import io.custodia.sdk.custody.PemKeyMaterial;
import io.custodia.sdk.custody.SignedCustodyHop;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustodyRecordsTest {
    private static final String ROOT = "c".repeat(64);

    private static CustodyChainEntry entry(final SignedCustodyHop signed, final String reportedHash) throws Exception {
        final CustodyHop h = signed.hop();
        return new CustodyChainEntry(new CustodyHopRecord(new RecordedHop(h.datasetId(), h.sequence(), h.previousHopHash(), h.from(),
                h.to(), h.action(), h.contentHash(), "k".repeat(64), signed.signatureBase64()), reportedHash, "2026-01-01T00:00:00Z", "tx"),
                signed.senderCertificatePem(), "ACTIVE");
    }

    @Test
    void a_listing_of_signed_hops_verifies_offline_and_a_tampered_one_does_not() throws Exception {
        final CustodyHopSigner signer = CustodyHopSigner.fromPemFiles(TestFiles.resource("keys/pkcs8-key.pem"), TestFiles.resource("keys/cert.pem"));
        final SignedCustodyHop first = signer.sign(new CustodyHop("ds-1", 1, "", "Org1MSP", "Org2MSP", "COPY", ROOT));
        final SignedCustodyHop second = signer.sign(new CustodyHop("ds-1", 2, first.hopHash(), "Org1MSP", "Org3MSP", "COPY", ROOT));
        final SignedCustodyHop forged = new SignedCustodyHop(new CustodyHop("ds-1", 2, first.hopHash(), "Org1MSP", "Org9MSP", "COPY", ROOT),
                second.signatureBase64(), second.senderCertificatePem());

        final ChainVerification good = CustodyChainVerifier.builder().build()
                .verify(CustodyRecords.toSignedHops(List.of(entry(first, first.hopHash()), entry(second, second.hopHash()))));
        final ChainVerification bad = CustodyChainVerifier.builder().build()
                .verify(CustodyRecords.toSignedHops(List.of(entry(first, first.hopHash()), entry(forged, forged.hopHash()))));

        assertThat(good.valid()).isTrue();
        assertThat(bad.firstBadHop()).get().extracting(BadHop::reason).isEqualTo(BadHop.Reason.BAD_SIGNATURE);
        assertThat(PemKeyMaterial.toPem(signer.certificate())).isNotBlank();
    }

    @Test
    void rejects_a_reported_hop_hash_that_is_not_the_statement_hash() throws Exception {
        final CustodyHopSigner signer = CustodyHopSigner.fromPemFiles(TestFiles.resource("keys/pkcs8-key.pem"), TestFiles.resource("keys/cert.pem"));
        final SignedCustodyHop first = signer.sign(new CustodyHop("ds-1", 1, "", "Org1MSP", "Org2MSP", "COPY", ROOT));

        assertThatThrownBy(() -> CustodyRecords.toSignedHops(List.of(entry(first, "d".repeat(64)))))
                .isInstanceOf(CustodyRecordException.class)
                .hasMessageContaining("hop 1").hasMessageContaining("recomputed " + first.hopHash());
    }
}
