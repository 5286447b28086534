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

/** Whole-ledger verification over HTTP, full and from an auditor's anchor. */
class LedgerVerifyApiTest {
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
        assertThat(http.post("/api/v1/datasets", org1, json(ApiSamples.registration("verify-1", List.of()))).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void a_full_verification_checks_every_signature_and_names_the_head() throws Exception {
        final Reply reply = http.post("/api/v1/ledger/verify", auditor, "");

        final JsonNode report = reply.json();
        final JsonNode status = http.get("/api/v1/ledger", auditor).json();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(report.get("valid").asBoolean()).as(reply.toString()).isTrue();
        assertThat(report.get("signaturesFromBlock").asLong()).isZero();
        assertThat(report.get("head").get("block").asLong()).isEqualTo(status.get("height").asLong() - 1);
        assertThat(report.get("head").get("headerHash").asText()).isEqualTo(status.get("headBlockHash").asText());
    }

    @Test
    void a_verification_from_an_anchor_checks_signatures_of_later_blocks_only() throws Exception {
        final JsonNode before = http.post("/api/v1/ledger/verify", auditor, "").json().get("head");
        final String anchor = before.get("block").asLong() + ":" + before.get("headerHash").asText();
        assertThat(http.post("/api/v1/datasets", org1, json(ApiSamples.registration("verify-2", List.of()))).status()).isEqualTo(201);

        final Reply reply = http.post("/api/v1/ledger/verify?anchor=" + anchor, auditor, "");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("valid").asBoolean()).as(reply.toString()).isTrue();
        assertThat(reply.json().get("signaturesFromBlock").asLong()).isEqualTo(before.get("block").asLong() + 1);
        assertThat(reply.json().get("head").get("block").asLong()).isGreaterThan(before.get("block").asLong());
    }

    @Test
    void an_anchor_the_ledger_no_longer_matches_is_a_finding_at_the_anchor_block() throws Exception {
        final Reply reply = http.post("/api/v1/ledger/verify?anchor=1:" + "00".repeat(32), auditor, "");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("valid").asBoolean()).isFalse();
        assertThat(reply.json().get("firstBadBlock").asLong()).isEqualTo(1);
        assertThat(reply.json().get("reason").asText()).contains("trusted anchor");
        assertThat(reply.json().get("head").isNull()).isTrue();
    }

    @Test
    void a_malformed_anchor_is_a_400_naming_the_parameter() throws Exception {
        final Reply reply = http.post("/api/v1/ledger/verify?anchor=latest", auditor, "");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("anchor");
    }
}
