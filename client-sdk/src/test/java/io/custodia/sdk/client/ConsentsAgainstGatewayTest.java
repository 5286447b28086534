package io.custodia.sdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.gateway.auth.UserRole;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The consents area of the client against a real gateway. */
class ConsentsAgainstGatewayTest {
    @Test
    void a_patient_grants_lists_and_revokes_and_the_last_revocation_erases() throws Exception {
        final TestGateway gateway = TestGateway.shared();
        DatasetsAgainstGatewayTest.org1 = gateway.client(UserRole.INSTITUTION, "Org1MSP", "registrar");
        final CustodiaClient patient = gateway.client(UserRole.PATIENT, "Org1MSP", "MRN-0002");
        DatasetsAgainstGatewayTest.register("ds-sdk-consent");

        final ConsentRecord granted = patient.consents().grant(new ConsentRequest(Optional.of("c-sdk-1"),
                ConsentScope.datasets(List.of("ds-sdk-consent")), List.of(DuoTerm.of("HMB")), List.of("Org2MSP"),
                Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(),
                Optional.of(java.util.Base64.getEncoder().encodeToString("signed consent form".getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                Optional.empty(), Optional.empty()), IdempotencyKey.random());
        final Page<ConsentRecord> mine = patient.consents().mine(Optional.empty(), PageRequest.first());
        final ConsentRevocation revoked = patient.consents().revoke("c-sdk-1", Optional.empty());

        assertThat(granted.status()).isEqualTo("ACTIVE");
        assertThat(granted.consent().purposes()).containsExactly(DuoTerm.of("HMB"));
        assertThat(granted.consent().subjectRef()).matches("[0-9a-f]{64}");
        assertThat(mine.items()).extracting(r -> r.consent().consentId()).contains("c-sdk-1");
        assertThat(revoked.consent().status()).isEqualTo("REVOKED");
        assertThat(revoked.erasure()).isPresent();
        assertThat(revoked.erasureSkipped()).isEmpty();
        // After the erasure the patient is unknown to the gateway: the same DELETE is a 404.
        assertThatThrownBy(() -> patient.consents().revoke("c-sdk-1", Optional.empty())).isInstanceOf(NotFoundException.class);

        final Audit auditor = gateway.client(UserRole.AUDITOR, "AuditMSP", "dpo").audit();
        final String receiptId = revoked.erasure().orElseThrow().receiptId();
        final List<ErasureReceipt> receipts = auditor.erasures(granted.consent().subjectRef());
        final ErasureReceipt receipt = auditor.erasure(receiptId);
        assertThat(receipts).extracting(r -> r.erasure().receiptId()).containsExactly(receiptId);
        assertThat(receipt.erasure().subjectRef()).isEqualTo(granted.consent().subjectRef());
        assertThat(receipt.erasure().consentIds()).contains("c-sdk-1");
        assertThat(receipt.erasure().destroyedPointerSetHash()).isEqualTo(revoked.erasure().orElseThrow().destroyedPointerSetHash());
        assertThat(receipt.recordedBy()).isEqualTo("Org1MSP");
        assertThatThrownBy(() -> auditor.erasure("no-such-receipt")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void an_institution_registers_a_delegation_the_proxy_grants_with_it_and_ending_it_stops_the_proxy() throws Exception {
        final TestGateway gateway = TestGateway.shared();
        final CustodiaClient org1 = gateway.client(UserRole.INSTITUTION, "Org1MSP", "registrar");
        final CustodiaClient proxy = gateway.client(UserRole.PROXY, "Org1MSP", "GUARD-SDK-1");

        final DelegationRecord registered = org1.delegations().register(new DelegationRequest(Optional.of("d-sdk-1"), "MRN-SDK-7",
                "GUARD-SDK-1", "GUARDIAN", new DelegationScope(true, true), Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(),
                Optional.empty(), Optional.of("ab".repeat(32))), IdempotencyKey.random());
        final ConsentRecord byProxy = proxy.consents().grant(new ConsentRequest(Optional.of("c-sdk-proxy-1"),
                ConsentScope.institution("Org1MSP"), List.of(DuoTerm.of("HMB")), List.of("Org2MSP"),
                Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(), Optional.empty(), Optional.of("cd".repeat(32)),
                Optional.of("d-sdk-1")), IdempotencyKey.random());
        final DelegationRecord ended = org1.delegations().end("d-sdk-1");

        assertThat(registered.status()).isEqualTo("ACTIVE");
        assertThat(registered.recordedBy()).isEqualTo("Org1MSP");
        assertThat(registered.delegation().subjectRef()).matches("[0-9a-f]{64}").isEqualTo(byProxy.consent().subjectRef());
        assertThat(ended.status()).isEqualTo("ENDED");
        assertThatThrownBy(() -> proxy.consents().grant(new ConsentRequest(Optional.of("c-sdk-proxy-2"),
                ConsentScope.institution("Org1MSP"), List.of(DuoTerm.of("HMB")), List.of("Org2MSP"),
                Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(), Optional.empty(), Optional.of("ef".repeat(32)),
                Optional.of("d-sdk-1")), IdempotencyKey.random())).isInstanceOf(CustodiaApiException.class);
    }
}
