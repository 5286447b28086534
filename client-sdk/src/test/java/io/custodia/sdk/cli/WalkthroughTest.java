package io.custodia.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.gateway.auth.UserRole;
import io.custodia.sdk.client.TestGateway;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README walk-through, command by command, against a real gateway: register the demo dataset,
 * consent as the patient, access as Org2, revoke, access again, audit trail, ledger verify. A route
 * the gateway does not serve fails the test (exit 4, HTTP 404): it is never a skip.
 */
class WalkthroughTest {
    private static final Path DEMO = CliLocalTest.DEMO;

    @TempDir
    Path tmp;

    private CliRun run(final TestGateway gateway, final String token, final String... args) {
        final Map<String, String> env = new HashMap<>();
        env.put("CUSTODIA_URL", gateway.baseUrl());
        env.put("CUSTODIA_TOKEN", token);
        return CliRun.run(env, tmp.resolve("home"), args);
    }

    @Test
    void consent_access_revoke_access_audit_and_ledger_verify() {
        final TestGateway gateway = TestGateway.shared();
        final String org1 = gateway.token(UserRole.INSTITUTION, "Org1MSP", "registrar");
        final String org2 = gateway.token(UserRole.INSTITUTION, "Org2MSP", "researcher");
        final String patient = gateway.token(UserRole.PATIENT, "Org1MSP", "MRN-0001");
        final String auditor = gateway.token(UserRole.AUDITOR, "AuditMSP", "dpo");

        final CliRun register = run(gateway, org1, "register", DEMO.resolve("files").toString(), "--mapping",
                DEMO.resolve("mapping.csv").toString(), "--descriptor", DEMO.resolve("descriptor.json").toString(),
                "--dataset-id", "ds-walk", "--storage-uri", "file:///srv/demo-dataset", "--pointers", "uri");
        final CliRun grant = run(gateway, patient, "consent", "grant", "--dataset", "ds-walk", "--purpose", "HMB",
                "--grantee", "Org2MSP", "--consent-id", "c-walk-1", "--document", DEMO.resolve("consent-form.txt").toString());
        final CliRun list = run(gateway, patient, "consent", "list");
        final CliRun permitted = run(gateway, org2, "access", "request", "--dataset", "ds-walk", "--purpose", "HMB",
                "--request-id", "req-walk-1");
        final CliRun revoke = run(gateway, patient, "consent", "revoke", "c-walk-1");
        final CliRun denied = run(gateway, org2, "access", "request", "--dataset", "ds-walk", "--purpose", "HMB",
                "--request-id", "req-walk-2");
        final CliRun trail = run(gateway, auditor, "audit", "trail", "--dataset", "ds-walk");
        final CliRun ledger = run(gateway, auditor, "ledger", "verify", "--anchor-file", tmp.resolve("custodia-anchor").toString());

        assertThat(register.exitCode()).as(register.err()).isEqualTo(0);
        assertThat(grant.exitCode()).as(grant.err()).isEqualTo(0);
        assertThat(grant.out()).contains("granted c-walk-1  ACTIVE");
        assertThat(list.out()).contains("c-walk-1");
        assertThat(permitted.exitCode()).as(permitted.err()).isEqualTo(0);
        assertThat(permitted.out()).contains("PERMIT req-walk-1: 1 of 3 subjects released")
                .contains("file:///srv/demo-dataset/p1/clinical.csv").contains("releasedSubjectsRoot matches the released list");
        assertThat(revoke.exitCode()).as(revoke.err()).isEqualTo(0);
        assertThat(revoke.out()).contains("revoked c-walk-1  REVOKED");
        assertThat(denied.exitCode()).as(denied.err()).isEqualTo(0);
        assertThat(denied.out()).contains("DENY req-walk-2: 0 of 3 subjects released").doesNotContain("file:///");
        assertThat(trail.exitCode()).as(trail.err() + trail.out()).isEqualTo(0);
        assertThat(trail.out()).contains("req-walk-1").contains("req-walk-2").contains("access trail of 2 events is consistent");
        assertThat(ledger.exitCode()).as(ledger.err()).isEqualTo(0);
        assertThat(ledger.out()).contains("every signature checked").contains("next anchor: ");
        assertThat(tmp.resolve("custodia-anchor")).exists();
    }
}
