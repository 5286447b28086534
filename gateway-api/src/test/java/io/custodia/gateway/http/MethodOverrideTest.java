package io.custodia.gateway.http;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.Hashes;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The request line's method is the method: override headers cannot turn a POST into a DELETE. */
class MethodOverrideTest {
    private static RunningGateway gateway;
    private static HttpClientSupport http;
    private static String patient;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        http = new HttpClientSupport(gateway.baseUrl());
        patient = gateway.token(UserRole.PATIENT, "Org1MSP", "MRN-OVERRIDE");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void a_post_with_x_http_method_override_delete_does_not_revoke_a_consent() throws Exception {
        Reply granted = http.post("/api/v1/consents", patient, json(Map.of(
                "consentId", "override-c1", "scope", Map.of("kind", "INSTITUTION", "institution", "Org1MSP"),
                "purposes", List.of(Map.of("code", "HMB")), "grantees", List.of("Org2MSP"),
                "validFrom", "2025-01-01T00:00:00Z", "documentHash", Hashes.sha256Hex("form"))));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);

        Reply overridden = http.post("/api/v1/consents/override-c1", patient, "", Map.of("X-HTTP-Method-Override", "DELETE"));

        assertThat(overridden.status()).as(overridden.toString()).isEqualTo(405);
        assertThat(overridden.header("Content-Type")).startsWith("application/problem+json");
        // Still active: the real DELETE revokes it now (a revoked consent would answer 409).
        Reply revoked = http.delete("/api/v1/consents/override-c1", patient);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
    }
}
