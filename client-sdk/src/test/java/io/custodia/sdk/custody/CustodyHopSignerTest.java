package io.custodia.sdk.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.Signatures;
import io.custodia.sdk.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustodyHopSignerTest {
    private static final Path CERT = TestFiles.resource("keys/cert.pem");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"keys/pkcs8-key.pem", "keys/sec1-key.pem"})
    void signs_the_exact_statement_bytes_the_chaincode_verifies(final String keyFile) throws Exception {
        final CustodyHopSigner signer = CustodyHopSigner.fromPemFiles(TestFiles.resource(keyFile), CERT);
        final CustodyHop hop = new CustodyHop("ds-001", 1, "", "HospitalAMSP", "HospitalAMSP", "REGISTER", "ab".repeat(32));

        final SignedCustodyHop signed = signer.sign(hop);

        final byte[] signature = Base64.getDecoder().decode(signed.signatureBase64());
        final var certificate = Signatures.parseCertificate(signed.senderCertificatePem());
        assertThat(Signatures.verify(certificate, hop.statement().signingBytes(), signature)).isTrue();
        assertThat(Signatures.fingerprint(certificate)).isEqualTo(Signatures.fingerprint(signer.certificate()));
    }

    @Test
    void statement_bytes_and_hop_hashes_match_the_checked_in_vector() {
        final JsonNode hops = TestFiles.vector("custody-hops.json").get("hops");

        for (final JsonNode hop : hops) {
            final JsonNode s = hop.get("statement");
            final CustodyHop custodyHop = new CustodyHop(s.get("datasetId").asText(), s.get("sequence").asLong(),
                    s.get("previousHopHash").asText(), s.get("from").asText(), s.get("to").asText(),
                    s.get("action").asText(), s.get("contentHash").asText());

            assertThat(new String(custodyHop.statement().signingBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(hop.get("signingBytes").asText());
            assertThat(custodyHop.statement().hopHash()).isEqualTo(hop.get("hopHash").asText());
        }
    }

    @Test
    void rejects_a_key_that_does_not_belong_to_the_certificate() {
        assertThatThrownBy(() -> CustodyHopSigner.fromPemFiles(TestFiles.resource("keys/other-key.pem"), CERT))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void rejects_a_certificate_given_as_the_private_key() {
        assertThatThrownBy(() -> CustodyHopSigner.fromPemFiles(CERT, CERT))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("holds no PEM private key");
    }

    @Test
    void rejects_a_missing_key_file_naming_it() {
        final Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> CustodyHopSigner.fromPemFiles(missing, CERT))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("missing.pem");
    }
}
