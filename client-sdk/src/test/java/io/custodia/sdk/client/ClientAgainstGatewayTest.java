package io.custodia.sdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.gateway.auth.UserRole;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a real gateway on the embedded ledger, over real HTTP. */
class ClientAgainstGatewayTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.shared();
    }

    private static CustodiaClient anonymous() {
        return CustodiaClient.builder().baseUrl(gateway.baseUrl()).build();
    }

    @Test
    void reports_health_and_readiness_without_a_token() throws Exception {
        final CustodiaClient client = anonymous();

        final Health health = client.health();
        final boolean ready = client.ready();

        assertThat(health.up()).isTrue();
        assertThat(ready).isTrue();
    }

    @Test
    void issues_a_development_token_that_the_gateway_accepts() throws Exception {
        final DevToken token = anonymous().devToken(new DevTokenRequest(Role.INSTITUTION, "Org1MSP", "alice", Optional.of(600L)));

        final LedgerStatus status = anonymous().withToken(token.token()).ledger().status();

        assertThat(token.tokenType()).isEqualTo("Bearer");
        assertThat(token.expiresIn()).isEqualTo(600L);
        assertThat(status.backend()).isEqualTo("embedded");
        assertThat(status.height()).isGreaterThanOrEqualTo(0L);
    }

    @Test
    void maps_a_bad_token_request_to_field_errors() {
        assertThatThrownBy(() -> anonymous().devToken(new DevTokenRequest(Role.INSTITUTION, "not an msp", "x y", Optional.of(0L))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().type()).isEqualTo("/problems/invalid-request");
                    assertThat(e.problem().errors()).extracting(FieldError::field)
                            .containsExactlyInAnyOrder("institution", "subject", "ttlSeconds");
                    assertThat(e.getMessage()).contains("institution").contains("ttlSeconds");
                });
    }

    @Test
    void verifies_the_whole_ledger_as_auditor() throws Exception {
        final CustodiaClient auditor = gateway.client(UserRole.AUDITOR, "AuditMSP", "dpo");

        final LedgerVerification verification = auditor.ledger().verify();

        assertThat(verification.valid()).isTrue();
        assertThat(verification.reason()).isEmpty();
        assertThat(verification.blocksChecked()).isGreaterThanOrEqualTo(0L);
        assertThat(verification.signaturesFromBlock()).contains(0L);
        assertThat(verification.head()).hasValueSatisfying(head -> assertThat(head.headerHash()).matches("[0-9a-f]{64}"));
    }

    @Test
    void verifies_from_an_anchor_and_reports_a_rewritten_anchor_block() throws Exception {
        final Ledger ledger = gateway.client(UserRole.AUDITOR, "AuditMSP", "dpo").ledger();
        final LedgerAnchor head = ledger.verify().head().orElseThrow();

        final LedgerVerification anchored = ledger.verify(head);
        final LedgerVerification rewritten = ledger.verify(new LedgerAnchor(head.block(), "00".repeat(32)));

        assertThat(anchored.valid()).as(anchored.reason().orElse("")).isTrue();
        assertThat(anchored.signaturesFromBlock()).contains(head.block() + 1);
        assertThat(rewritten.valid()).isFalse();
        assertThat(rewritten.firstBadBlock()).contains(head.block());
        assertThat(rewritten.head()).isEmpty();
    }

    @Test
    void parses_and_prints_anchors_as_block_colon_hash() {
        final LedgerAnchor anchor = LedgerAnchor.parse("7:abc");

        assertThat(anchor).isEqualTo(new LedgerAnchor(7, "abc"));
        assertThat(anchor.toString()).isEqualTo("7:abc");
        assertThatThrownBy(() -> LedgerAnchor.parse("abc")).hasMessageContaining("<block>:<header hash>");
        assertThatThrownBy(() -> LedgerAnchor.parse("x:abc")).hasMessageContaining("<block>:<header hash>");
    }

    @Test
    void turns_a_missing_token_into_an_unauthenticated_problem() {
        assertThatThrownBy(() -> anonymous().ledger().status())
                .isInstanceOfSatisfying(UnauthenticatedException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.problem().slug()).isEqualTo("unauthenticated");
                    assertThat(e.problem().instance()).isEqualTo("/api/v1/ledger");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void turns_a_forged_token_into_an_unauthenticated_problem() {
        final String token = gateway.token(UserRole.AUDITOR, "AuditMSP", "dpo");
        final String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";

        assertThatThrownBy(() -> anonymous().withToken(forged).ledger().verify())
                .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void turns_a_wrong_role_into_a_forbidden_problem() {
        final CustodiaClient patient = gateway.client(UserRole.PATIENT, "Org1MSP", "MRN-0001");

        assertThatThrownBy(() -> patient.ledger().status())
                .isInstanceOfSatisfying(ForbiddenException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.problem().type()).isEqualTo("/problems/forbidden");
                    assertThat(e.problem().title()).isNotBlank();
                });
        assertThatThrownBy(() -> gateway.client(UserRole.INSTITUTION, "Org1MSP", "ops").ledger().verify())
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void reports_an_unreachable_gateway_as_a_connection_failure() throws Exception {
        final int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        final CustodiaClient client = CustodiaClient.builder().baseUrl("http://127.0.0.1:" + port)
                .connectTimeout(Duration.ofSeconds(2)).build();

        assertThatThrownBy(client::health)
                .isInstanceOf(CustodiaConnectionException.class)
                .hasMessageContaining("cannot connect to http://127.0.0.1:" + port);
    }
}
