package io.custodia.gateway.system;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/transactions/{txId}}: a transaction's final status, block and position. */
class TransactionApiTest {
    private static RunningGateway gateway;
    private static HttpClientSupport http;
    private static String org1;
    private static String auditor;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        http = new HttpClientSupport(gateway.baseUrl());
        org1 = gateway.token(UserRole.INSTITUTION, "Org1MSP", "steward");
        auditor = gateway.token(UserRole.AUDITOR, "AuditorMSP", "dpo");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String register(final String datasetId) throws Exception {
        final Reply reply = http.post("/api/v1/datasets", org1, json(ApiSamples.registration(datasetId, List.of())));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.header("X-Transaction-Id");
    }

    @Test
    void a_committed_transaction_is_found_with_its_status_block_and_position_by_institutions_and_auditors() throws Exception {
        final long heightBefore = http.get("/api/v1/ledger", auditor).json().get("height").asLong();
        final String txId = register("tx-lookup-1");

        final Reply byAuditor = http.get("/api/v1/transactions/" + txId, auditor);
        final Reply byInstitution = http.get("/api/v1/transactions/" + txId, org1);

        assertThat(byAuditor.status()).as(byAuditor.toString()).isEqualTo(200);
        final JsonNode status = byAuditor.json();
        assertThat(status.get("txId").asText()).isEqualTo(txId);
        assertThat(status.get("status").asText()).isEqualTo("VALID");
        assertThat(status.get("validationCode").asText()).isEqualTo("VALID");
        assertThat(status.get("block").asLong()).isEqualTo(heightBefore);
        assertThat(status.get("position").asInt()).isZero();
        assertThat(byInstitution.status()).isEqualTo(200);
        assertThat(byInstitution.json()).isEqualTo(status);
    }

    @Test
    void unknown_malformed_and_unauthorised_lookups_are_refused() throws Exception {
        final Reply unknown = http.get("/api/v1/transactions/" + "0".repeat(64), auditor);
        final Reply malformed = http.get("/api/v1/transactions/not-a-tx", auditor);
        final Reply patient = http.get("/api/v1/transactions/" + "0".repeat(64), gateway.token(UserRole.PATIENT, "Org1MSP", "mrn-1"));
        final Reply anonymous = http.get("/api/v1/transactions/" + "0".repeat(64), null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("errors").get(0).path("field").asText()).isEqualTo("txId");
        assertThat(patient.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
    }
}
