package io.custodia.gateway.custody;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.CustodyHopStatement;
import io.custodia.canonical.Hashes;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import io.custodia.ledger.identity.CertificateAuthority;
import io.custodia.ledger.identity.Identity;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CustodyApiTest {
    private static RunningGateway gateway;
    private static HttpClientSupport http;
    private static String org1;
    private static String org2;
    private static String auditor;
    private static Identity org1Signer;
    private static String org1KeyId;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        http = new HttpClientSupport(gateway.baseUrl());
        org1 = gateway.token(UserRole.INSTITUTION, "Org1MSP", "steward");
        org2 = gateway.token(UserRole.INSTITUTION, "Org2MSP", "researcher");
        auditor = gateway.token(UserRole.AUDITOR, "AuditorMSP", "dpo");
        org1Signer = CertificateAuthority.create("Org1MSP").issue("custody-signer", Map.of());
        Reply key = http.post("/api/v1/custody-keys", org1, json(Map.of("certificatePem", org1Signer.certificatePem())));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        org1KeyId = key.json().get("keyId").asText();
        assertThat(http.post("/api/v1/datasets", org1, json(ApiSamples.registration("cust-1", List.of()))).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void records_a_signed_transfer_and_the_chain_verifies() throws Exception {
        JsonNode head = http.get("/api/v1/datasets/cust-1/custody/head", org1).json();
        String contentHash = Hashes.sha256Hex("content-cust-1");

        Reply hop = http.post("/api/v1/datasets/cust-1/custody-hops", org1, json(signedHop("cust-1", head, "Org1MSP", "Org2MSP", "TRANSFER", contentHash)));

        assertThat(hop.status()).as(hop.toString()).isEqualTo(201);
        Reply chain = http.get("/api/v1/datasets/cust-1/custody", auditor);
        assertThat(chain.json().get("items")).hasSize(1);
        assertThat(chain.body()).contains("BEGIN CERTIFICATE");
        Reply verification = http.get("/api/v1/datasets/cust-1/custody/verification", auditor);
        assertThat(verification.json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void a_forged_signature_is_refused_with_the_chaincode_code() throws Exception {
        assertThat(http.post("/api/v1/datasets", org1, json(ApiSamples.registration("cust-2", List.of()))).status()).isEqualTo(201);
        JsonNode head = http.get("/api/v1/datasets/cust-2/custody/head", org1).json();
        Map<String, Object> hop = signedHop("cust-2", head, "Org1MSP", "Org2MSP", "TRANSFER", Hashes.sha256Hex("content-cust-2"));
        hop.put("to", "Org3MSP");

        Reply reply = http.post("/api/v1/datasets/cust-2/custody-hops", org1, json(hop));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("type").asText()).isEqualTo("/problems/custody-signature-invalid");
        assertThat(http.get("/api/v1/datasets/cust-2/custody", auditor).json().get("items")).isEmpty();
    }

    @Test
    void an_institution_cannot_record_a_hop_sent_by_another() throws Exception {
        JsonNode head = http.get("/api/v1/datasets/cust-1/custody/head", org1).json();

        Reply reply = http.post("/api/v1/datasets/cust-1/custody-hops", org2,
                json(signedHop("cust-1", head, "Org1MSP", "Org2MSP", "COPY", Hashes.sha256Hex("content-cust-1"))));

        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void bad_hop_input_names_the_field() throws Exception {
        Reply reply = http.post("/api/v1/datasets/cust-1/custody-hops", org1, json(Map.of("sequence", 0)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isNotBlank();
        assertThat(http.post("/api/v1/custody-keys", org1, json(Map.of("certificatePem", "not a pem"))).status()).isEqualTo(400);
        assertThat(http.post("/api/v1/custody-keys", auditor, json(Map.of("certificatePem", org1Signer.certificatePem()))).status()).isEqualTo(403);
    }

    private static Map<String, Object> signedHop(final String datasetId, final JsonNode head, final String from, final String to,
            final String action, final String contentHash) {
        long sequence = head.path("sequence").asLong(0) + 1;
        String previous = head.path("lastHopHash").asText("");
        CustodyHopStatement statement = CustodyHopStatement.of(datasetId, sequence, previous, from, to, action, contentHash);
        Map<String, Object> hop = new LinkedHashMap<>();
        hop.put("sequence", sequence);
        hop.put("previousHopHash", previous);
        hop.put("from", from);
        hop.put("to", to);
        hop.put("action", action);
        hop.put("contentHash", contentHash);
        hop.put("keyId", org1KeyId);
        hop.put("signature", Base64.getEncoder().encodeToString(org1Signer.sign(statement.signingBytes())));
        return hop;
    }
}
