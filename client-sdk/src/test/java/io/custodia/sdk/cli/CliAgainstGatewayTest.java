package io.custodia.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.gateway.auth.UserRole;
import io.custodia.sdk.client.CustodiaClient;
import io.custodia.sdk.client.DatasetRecord;
import io.custodia.sdk.client.TestGateway;
import io.custodia.sdk.hashing.DatasetHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a real gateway on the embedded ledger. */
class CliAgainstGatewayTest {
    private static final Path DEMO = CliLocalTest.DEMO;
    private static TestGateway gateway;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        gateway = TestGateway.shared();
    }

    private CliRun run(final String token, final String... args) {
        final java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("CUSTODIA_URL", gateway.baseUrl());
        if (token != null) {
            env.put("CUSTODIA_TOKEN", token);
        }
        return CliRun.run(Map.copyOf(env), tmp.resolve("home"), args);
    }

    private String org1() {
        return gateway.token(UserRole.INSTITUTION, "Org1MSP", "registrar");
    }

    private CliRun register(final String datasetId) {
        return run(org1(), "register", DEMO.resolve("files").toString(), "--mapping", DEMO.resolve("mapping.csv").toString(),
                "--descriptor", DEMO.resolve("descriptor.json").toString(), "--dataset-id", datasetId,
                "--storage-uri", "file:///srv/demo-dataset", "--pointers", "uri");
    }

    @Test
    void token_prints_a_token_the_gateway_accepts() {
        final CliRun token = run(null, "token", "--role", "institution", "--institution", "Org1MSP", "--subject", "alice");

        final CliRun status = run(token.out().strip(), "ledger", "status", "--json");

        assertThat(token.exitCode()).isEqualTo(0);
        assertThat(token.out().strip()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(status.exitCode()).isEqualTo(0);
        assertThat(status.out()).contains("\"backend\" : \"embedded\"");
    }

    @Test
    void token_request_rejected_by_the_gateway_exits_4_with_field_errors() {
        final CliRun result = run(null, "token", "--role", "patient", "--institution", "bad msp", "--subject", "MRN-0001");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(result.err()).contains("HTTP 400").contains("institution: must be an MSP ID");
    }

    @Test
    void an_unknown_role_is_a_usage_error() {
        final CliRun result = run(null, "token", "--role", "admin", "--institution", "Org1MSP", "--subject", "x");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--role must be");
    }

    @Test
    void a_rejected_token_exits_4_and_says_401() {
        final CliRun result = run("not.a.jwt", "ledger", "status");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(result.err()).contains("HTTP 401").contains("custodia token");
    }

    @Test
    void a_forbidden_role_exits_4_and_says_403() {
        final CliRun result = run(org1(), "ledger", "verify");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(result.err()).contains("HTTP 403");
    }

    @Test
    void ledger_verify_as_auditor_exits_0() {
        final CliRun result = run(gateway.token(UserRole.AUDITOR, "AuditMSP", "dpo"), "ledger", "verify");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.out()).startsWith("ledger valid: ");
    }

    @Test
    void ledger_verify_with_an_anchor_file_saves_the_head_and_checks_only_new_signatures_next_time() throws Exception {
        final String auditor = gateway.token(UserRole.AUDITOR, "AuditMSP", "dpo");
        final Path anchorFile = tmp.resolve("custodia.anchor");

        final CliRun first = run(auditor, "ledger", "verify", "--anchor-file", anchorFile.toString());
        final String saved = Files.readString(anchorFile).strip();
        final CliRun second = run(auditor, "ledger", "verify", "--anchor-file", anchorFile.toString(), "--json");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("every signature checked").contains("next anchor: " + saved);
        assertThat(saved).matches("\\d+:[0-9a-f]{64}");
        assertThat(second.exitCode()).as(second.err()).isZero();
        final JsonNode report = CliContext.json().readTree(second.out());
        assertThat(report.get("signaturesFromBlock").asLong()).isEqualTo(Long.parseLong(saved.substring(0, saved.indexOf(':'))) + 1);
    }

    @Test
    void ledger_verify_with_an_anchor_the_ledger_does_not_have_exits_1_and_keeps_the_anchor_file() throws Exception {
        final Path anchorFile = tmp.resolve("rewritten.anchor");
        Files.writeString(anchorFile, "1:" + "00".repeat(32) + "\n");

        final CliRun result = run(gateway.token(UserRole.AUDITOR, "AuditMSP", "dpo"), "ledger", "verify", "--anchor-file",
                anchorFile.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.MISMATCH);
        assertThat(result.out()).contains("ledger INVALID at block 1").contains("trusted anchor");
        assertThat(Files.readString(anchorFile)).isEqualTo("1:" + "00".repeat(32) + "\n");
    }

    @Test
    void ledger_verify_with_a_malformed_anchor_exits_3() {
        final CliRun result = run(gateway.token(UserRole.AUDITOR, "AuditMSP", "dpo"), "ledger", "verify", "--anchor", "latest");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(result.err()).contains("<block>:<header hash>");
    }

    @Test
    void register_hashes_pseudonymises_and_registers_the_demo_dataset() throws Exception {
        final String root = DatasetHasher.builder().build().hash(DEMO.resolve("files")).root();

        final CliRun result = register("ds-cli-register");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
        assertThat(result.out()).contains("registered ds-cli-register (ACTIVE) owner Org1MSP").contains("subjects 3, items 4");
        final DatasetRecord record = CustodiaClient.builder().baseUrl(gateway.baseUrl()).token(org1()).build()
                .datasets().get("ds-cli-register");
        assertThat(record.descriptor().contentHash().root()).isEqualTo(root);
        assertThat(record.descriptor().fileCount()).isEqualTo(5);
        assertThat(record.descriptor().itemCount()).isEqualTo(4);
        assertThat(record.subjectCount()).isEqualTo(3);
    }

    @Test
    void verify_against_the_ledger_passes_for_the_original_and_fails_naming_the_changed_file() throws Exception {
        assertThat(register("ds-cli-verify").exitCode()).isEqualTo(0);
        final Path manifest = tmp.resolve("manifest.json");
        run(null, "hash", DEMO.resolve("files").toString(), "--manifest-out", manifest.toString());
        final Path copy = tmp.resolve("copy");
        CliLocalTest.copy(DEMO.resolve("files"), copy);
        Files.writeString(copy.resolve("p1/clinical.csv"), "changed\n");

        final CliRun intact = run(org1(), "verify", DEMO.resolve("files").toString(), "--dataset", "ds-cli-verify");
        final CliRun tampered = run(org1(), "verify", copy.toString(), "--dataset", "ds-cli-verify", "--manifest", manifest.toString());

        assertThat(intact.exitCode()).as(intact.err()).isEqualTo(0);
        assertThat(intact.out()).contains("local copy matches");
        assertThat(tampered.exitCode()).isEqualTo(ExitCodes.MISMATCH);
        assertThat(tampered.out()).contains("changed p1/clinical.csv");
    }

    @Test
    void verify_of_an_unknown_dataset_exits_4() {
        final CliRun result = run(org1(), "verify", DEMO.resolve("files").toString(), "--dataset", "ds-does-not-exist");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(result.err()).contains("HTTP 404");
    }

    @Test
    void custody_key_hop_and_offline_chain_verification() throws Exception {
        assertThat(register("ds-cli-custody").exitCode()).isEqualTo(0);
        final Path keys = Path.of("src/test/resources/keys");

        final CliRun key = run(org1(), "custody", "key", "register", "--cert", keys.resolve("cert.pem").toString(), "--json");
        final CliRun hop = run(org1(), "custody", "sign-and-record", "ds-cli-custody", "--key", keys.resolve("pkcs8-key.pem").toString(),
                "--cert", keys.resolve("cert.pem").toString(), "--to", "Org2MSP", "--action", "COPY");
        final CliRun head = run(org1(), "custody", "head", "ds-cli-custody", "--json");
        final CliRun verify = run(gateway.token(UserRole.AUDITOR, "AuditMSP", "dpo"), "custody", "verify", "ds-cli-custody");

        assertThat(key.exitCode()).as(key.err()).isIn(0, ExitCodes.REJECTED);
        assertThat(hop.exitCode()).as(hop.err()).isEqualTo(0);
        assertThat(hop.out()).contains("recorded hop 1 Org1MSP -> Org2MSP COPY");
        final JsonNode headJson = CliContext.json().readTree(head.out());
        assertThat(headJson.get("sequence").asLong()).isEqualTo(1);
        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(0);
        assertThat(verify.out()).contains("custody chain of 1 hops is valid");
    }
}
