package io.custodia.gateway.conformance;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.FabricTestNetwork;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RequiresFabricNetwork;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What only fabric mode does over HTTP: one institution per gateway, auditors where the institution has them, status and verify. */
@RequiresFabricNetwork
class FabricGatewayApiTest {
    private static Backend fabric;
    private static HttpClientSupport http1;
    private static HttpClientSupport http2;

    @BeforeAll
    static void start() throws Exception {
        fabric = Backend.fabric(FabricTestNetwork.require());
        http1 = new HttpClientSupport(fabric.gateway(1).baseUrl());
        http2 = new HttpClientSupport(fabric.gateway(2).baseUrl());
    }

    @AfterAll
    static void stop() {
        if (fabric != null) {
            fabric.close();
        }
    }

    @Test
    void refuses_a_token_of_another_institution_with_403() throws Exception {
        final String org2AtOrg1 = fabric.gateway(1).token(UserRole.INSTITUTION, "Org2MSP", "researcher");

        final Reply reply = http1.post("/api/v1/datasets", org2AtOrg1, json(ApiSamples.registration("ds-foreign-token", List.of())));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("detail").asText()).contains("serves institution Org1MSP only");
    }

    @Test
    void refuses_auditors_at_an_institution_without_an_auditor_identity_and_explains_why() throws Exception {
        final String auditorAtOrg2 = fabric.gateway(2).token(UserRole.AUDITOR, "Org2MSP", "dpo");

        final Reply reply = http2.get("/api/v1/datasets/ds-anything", auditorAtOrg2);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("detail").asText()).contains("no auditor identity");
    }

    @Test
    void reports_the_fabric_height_and_verifies_the_hash_chain() throws Exception {
        final String auditor = fabric.gateway(1).token(UserRole.AUDITOR, "Org1MSP", "dpo");

        final Reply status = http1.get("/api/v1/ledger", auditor);
        final Reply verify = http1.post("/api/v1/ledger/verify", auditor, json(Map.of()));

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("backend").asText()).isEqualTo("fabric");
        assertThat(status.json().path("height").asLong()).isPositive();
        assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
        assertThat(verify.json().path("valid").asBoolean()).as(verify.body()).isTrue();
    }

    @Test
    void is_ready_when_its_peer_answers() throws Exception {
        final Reply ready = http2.get("/ready", null);

        assertThat(ready.status()).isEqualTo(200);
    }
}
