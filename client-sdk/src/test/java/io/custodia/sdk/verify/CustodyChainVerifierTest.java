package io.custodia.sdk.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.sdk.TestFiles;
import io.custodia.sdk.custody.CustodyHop;
import io.custodia.sdk.custody.CustodyHopSigner;
import io.custodia.sdk.custody.SignedCustodyHop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CustodyChainVerifierTest {
    private static final String ROOT = "ab".repeat(32);
    private static final String DERIVED_ROOT = "cd".repeat(32);

    private static CustodyHopSigner hospital;
    private static CustodyHopSigner lab;

    @BeforeAll
    static void load_signers() throws Exception {
        hospital = CustodyHopSigner.fromPemFiles(TestFiles.resource("keys/pkcs8-key.pem"), TestFiles.resource("keys/cert.pem"));
        lab = CustodyHopSigner.fromPemFiles(TestFiles.resource("keys/other-key.pem"), TestFiles.resource("keys/other-cert.pem"));
    }

    @Test
    void accepts_a_good_chain_including_a_derivation() {
        final List<SignedCustodyHop> chain = goodChain();

        final ChainVerification result = verifier().verify(chain);

        assertThat(result.valid()).as(result.describe()).isTrue();
        assertThat(result.lastHopHash()).contains(chain.get(2).hopHash());
    }

    @Test
    void names_the_hop_with_a_forged_signature() {
        final List<SignedCustodyHop> chain = new ArrayList<>(goodChain());
        final SignedCustodyHop genuine = chain.get(1);
        // The lab signs a statement but presents the hospital's certificate as the sender's.
        chain.set(1, new SignedCustodyHop(genuine.hop(), lab.sign(genuine.hop()).signatureBase64(),
                genuine.senderCertificatePem()));

        final ChainVerification result = verifier().verify(chain);

        assertThat(result.firstBadHop()).hasValueSatisfying(bad -> {
            assertThat(bad.index()).isEqualTo(1);
            assertThat(bad.reason()).isEqualTo(BadHop.Reason.BAD_SIGNATURE);
        });
    }

    @Test
    void names_the_hop_whose_statement_was_altered_after_signing() {
        final List<SignedCustodyHop> chain = new ArrayList<>(goodChain());
        final SignedCustodyHop genuine = chain.get(2);
        final CustodyHop h = genuine.hop();
        chain.set(2, new SignedCustodyHop(new CustodyHop(h.datasetId(), h.sequence(), h.previousHopHash(), h.from(),
                "AttackerMSP", h.action(), h.contentHash()), genuine.signatureBase64(), genuine.senderCertificatePem()));

        final ChainVerification result = verifier().verify(chain);

        assertThat(result.firstBadHop()).map(BadHop::reason).contains(BadHop.Reason.BAD_SIGNATURE);
        assertThat(result.firstBadHop()).map(BadHop::index).contains(2);
    }

    @Test
    void names_the_hop_with_a_broken_link() {
        final List<SignedCustodyHop> chain = new ArrayList<>(goodChain());
        chain.set(2, lab.sign(new CustodyHop("ds-001", 3, "ee".repeat(32), "LabMSP", "LabMSP", "DERIVE", DERIVED_ROOT)));

        final ChainVerification result = verifier().verify(chain);

        assertThat(result.firstBadHop()).hasValueSatisfying(bad -> {
            assertThat(bad.index()).isEqualTo(2);
            assertThat(bad.reason()).isEqualTo(BadHop.Reason.BROKEN_LINK);
            assertThat(bad.detail()).contains("ee".repeat(32), chain.get(1).hopHash());
        });
    }

    @Test
    void names_the_hop_where_the_content_hash_changes_without_derive() {
        final List<SignedCustodyHop> chain = new ArrayList<>(goodChain());
        chain.set(1, hospital.sign(new CustodyHop("ds-001", 2, chain.get(0).hopHash(), "HospitalAMSP", "LabMSP",
                "TRANSFER", DERIVED_ROOT)));

        final ChainVerification result = verifier().verify(chain.subList(0, 2));

        assertThat(result.firstBadHop()).hasValueSatisfying(bad -> {
            assertThat(bad.index()).isEqualTo(1);
            assertThat(bad.reason()).isEqualTo(BadHop.Reason.CONTENT_DISCONTINUITY);
            assertThat(bad.describe()).contains("TRANSFER", ROOT, DERIVED_ROOT);
        });
    }

    @Test
    void names_the_hop_with_a_skipped_sequence_number() {
        final List<SignedCustodyHop> chain = new ArrayList<>(goodChain());
        chain.set(1, hospital.sign(new CustodyHop("ds-001", 3, chain.get(0).hopHash(), "HospitalAMSP", "LabMSP",
                "TRANSFER", ROOT)));

        final ChainVerification result = verifier().verify(chain.subList(0, 2));

        assertThat(result.firstBadHop()).map(BadHop::reason).contains(BadHop.Reason.BAD_SEQUENCE);
    }

    @Test
    void names_a_hop_whose_certificate_is_not_pem() {
        final List<SignedCustodyHop> chain = new ArrayList<>(goodChain());
        chain.set(0, new SignedCustodyHop(chain.get(0).hop(), chain.get(0).signatureBase64(), "not a certificate"));

        final ChainVerification result = verifier().verify(chain);

        assertThat(result.firstBadHop()).map(BadHop::reason).contains(BadHop.Reason.BAD_CERTIFICATE);
        assertThat(result.firstBadHop()).map(BadHop::index).contains(0);
    }

    private static CustodyChainVerifier verifier() {
        return CustodyChainVerifier.builder().build();
    }

    private static List<SignedCustodyHop> goodChain() {
        final SignedCustodyHop register = hospital.sign(
                new CustodyHop("ds-001", 1, "", "HospitalAMSP", "HospitalAMSP", "REGISTER", ROOT));
        final SignedCustodyHop transfer = hospital.sign(
                new CustodyHop("ds-001", 2, register.hopHash(), "HospitalAMSP", "LabMSP", "TRANSFER", ROOT));
        final SignedCustodyHop derive = lab.sign(
                new CustodyHop("ds-001", 3, transfer.hopHash(), "LabMSP", "LabMSP", "DERIVE", DERIVED_ROOT));
        return List.of(register, transfer, derive);
    }
}
