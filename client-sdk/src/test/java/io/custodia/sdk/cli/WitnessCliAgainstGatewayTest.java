package io.custodia.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.NoteKey;
import io.custodia.canonical.SignedNote;
import io.custodia.gateway.Gateway;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.config.GatewayConfig;
import io.custodia.sdk.client.AccessRequest;
import io.custodia.sdk.client.ContentHash;
import io.custodia.sdk.client.CustodiaClient;
import io.custodia.sdk.client.DatasetDescriptor;
import io.custodia.sdk.client.DatasetRegistration;
import io.custodia.sdk.client.DuoTerm;
import io.custodia.sdk.client.IdempotencyKey;
import io.custodia.sdk.client.SubjectItems;
import io.custodia.sdk.client.UseRestrictions;
import io.custodia.sdk.commitments.ItemCommitmentCalculator;
import io.custodia.sdk.commitments.ItemCommitmentResult;
import io.custodia.sdk.commitments.SubjectMapping;
import io.custodia.sdk.commitments.SubjectRefSource;
import io.custodia.sdk.hashing.DatasetHash;
import io.custodia.sdk.hashing.DatasetHasher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The witness against real gateways on the embedded ledger: it cosigns the honest log, the gateway
 * serves the cosigned checkpoint, and once it has cosigned, a log rebuilt from other blocks under the
 * same log key (history rewritten, or blocks deleted) is refused.
 */
class WitnessCliAgainstGatewayTest {
    private static final Path DEMO = Path.of("src/test/resources/demo-dataset");

    @TempDir
    Path tmp;

    private static Gateway start(final Path data) {
        return Gateway.start(GatewayConfig.load(Map.of("CUSTODIA_DATA_DIR", data.toString(), "CUSTODIA_PORT", "0")));
    }

    private static String token(final Gateway gateway, final UserRole role) {
        return gateway.devTokens().orElseThrow().issue(new Principal(role, "Org1MSP", "witness-test"), Duration.ofMinutes(30));
    }

    /** Registers a dataset and makes {@code requests} access decisions on it; waits until the log has {@code total} leaves. */
    private static String events(final Gateway gateway, final int requests, final long total) throws Exception {
        final CustodiaClient org1 = CustodiaClient.builder().baseUrl(gateway.baseUrl()).token(token(gateway, UserRole.INSTITUTION)).build();
        final String datasetId = "ds-w-" + UUID.randomUUID().toString().substring(0, 8);
        final DatasetHash hash = DatasetHasher.builder().build().hash(DEMO.resolve("files"));
        final SubjectMapping mapping = SubjectMapping.read(DEMO.resolve("mapping.csv"));
        final List<String> refs = org1.subjects().pseudonyms(mapping.patientIds());
        final ItemCommitmentResult items = ItemCommitmentCalculator.builder()
                .subjectRefs(SubjectRefSource.of(mapping.patientIds(), refs)).build().compute(hash.manifest(), mapping);
        final DatasetDescriptor descriptor = DatasetDescriptor.builder(datasetId)
                .contentHash(ContentHash.merkle(hash.root())).manifestHash(hash.manifestHash())
                .itemCommitmentRoot(items.published().itemCommitmentRoot())
                .counts(items.published().itemCount(), hash.fileCount(), hash.totalBytes())
                .format("CSV").deidentificationProfile("safe-harbor").license("CC-BY-4.0").contextTag("sdk-test")
                .useRestrictions(new UseRestrictions(DuoTerm.of("HMB"), List.of())).build();
        org1.datasets().register(new DatasetRegistration(descriptor, "file:///srv/demo",
                items.offChainSalts().stream().map(s -> new SubjectItems(s.subjectRef(), s.itemSaltHex(), s.paths())).toList()),
                IdempotencyKey.random());
        for (int i = 0; i < requests; i++) {
            org1.access().request(AccessRequest.of(datasetId, DuoTerm.of("HMB")));
        }
        assertThat(gateway.transparency().orElseThrow().awaitSize(total, Duration.ofSeconds(30))).isTrue();
        assertThat(gateway.transparency().orElseThrow().size()).isEqualTo(total);
        return datasetId;
    }

    private CliRun cosign(final Gateway gateway, final String logKey, final boolean init) {
        final List<String> args = new java.util.ArrayList<>(List.of("witness", "cosign", "--log-url", gateway.baseUrl(),
                "--token", token(gateway, UserRole.AUDITOR), "--log-key", logKey, "--state", tmp.resolve("state").toString(),
                "--witness-key", tmp.resolve("witness.key").toString()));
        if (init) {
            args.add("--init");
        }
        return CliRun.run(Map.of(), tmp, args.toArray(String[]::new));
    }

    @Test
    void the_witness_cosigns_the_honest_log_and_refuses_it_once_rebuilt_from_other_blocks_under_the_same_key() throws Exception {
        final CliRun keygen = CliRun.run(Map.of(), tmp, "witness", "keygen", "--name", "witness.test/w1",
                "--out", tmp.resolve("witness.key").toString());
        assertThat(keygen.exitCode()).as(keygen.err()).isZero();
        assertThat(Files.getPosixFilePermissions(tmp.resolve("witness.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        final NoteKey witness = NoteKey.parseVerifierKey(keygen.out().trim());

        final Path a = tmp.resolve("gateway-a");
        final String logKey;
        try (Gateway gateway = start(a)) {
            logKey = gateway.transparency().orElseThrow().verifierKey();
            Files.writeString(a.resolve("transparency/witnesses"), witness.verifierKey() + "\n", StandardCharsets.UTF_8);
            events(gateway, 2, 2);

            assertThat(cosign(gateway, logKey, false).exitCode()).as("no state without --init").isEqualTo(ExitCodes.INPUT);
            final CliRun first = cosign(gateway, logKey, true);
            assertThat(first.exitCode()).as(first.err()).isZero();
            events(gateway, 1, 3);
            final CliRun second = cosign(gateway, logKey, false);
            assertThat(second.exitCode()).as(second.err()).isZero();

            final String served = CustodiaClient.builder().baseUrl(gateway.baseUrl()).token(token(gateway, UserRole.AUDITOR))
                    .build().log().checkpoint();
            assertThat(SignedNote.parse(served).cosignedBy(witness)).as("the gateway serves the cosigned checkpoint").isPresent();
        }

        // The operator rebuilds the log from other blocks, keeping the log key: a rewritten history.
        final Path b = tmp.resolve("gateway-b");
        Files.createDirectories(b.resolve("keys"));
        Files.copy(a.resolve("keys/log-ed25519.key"), b.resolve("keys/log-ed25519.key"));
        try (Gateway gateway = start(b)) {
            assertThat(gateway.transparency().orElseThrow().verifierKey()).isEqualTo(logKey);
            events(gateway, 4, 4);

            final CliRun refused = cosign(gateway, logKey, false);

            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCodes.MISMATCH);
            assertThat(refused.out()).contains("REFUSED").contains("not consistent");
        }
        // ... or drops the last blocks.
        final Path c = tmp.resolve("gateway-c");
        Files.createDirectories(c.resolve("keys"));
        Files.copy(a.resolve("keys/log-ed25519.key"), c.resolve("keys/log-ed25519.key"));
        try (Gateway gateway = start(c)) {
            events(gateway, 1, 1);

            final CliRun refused = cosign(gateway, logKey, false);

            assertThat(refused.exitCode()).isEqualTo(ExitCodes.MISMATCH);
            assertThat(refused.out()).contains("smaller tree");
        }
        assertThat(Files.readString(tmp.resolve("state/checkpoint"))).contains("\n3\n");
    }

    @Test
    void an_audit_bundle_verifies_offline_and_every_tampering_is_named() throws Exception {
        final Path bundle = tmp.resolve("bundle.json");
        final String logKey;
        try (Gateway gateway = start(tmp.resolve("gateway"))) {
            logKey = gateway.transparency().orElseThrow().verifierKey();
            final String datasetId = events(gateway, 3, 3);

            final CliRun written = CliRun.run(Map.of(), tmp, "audit", "bundle", "--dataset", datasetId, "--out", bundle.toString(),
                    "--url", gateway.baseUrl(), "--token", token(gateway, UserRole.AUDITOR));
            assertThat(written.exitCode()).as(written.err()).isZero();
        }
        // No gateway from here on: the bundle alone.
        final CliRun verified = CliRun.run(Map.of(), tmp, "audit", "verify-bundle", bundle.toString(), "--log-key", logKey);
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("3 events");

        final String witness = NoteKey.generate("witness.test/w9", NoteKey.TYPE_COSIGNATURE_V1).verifierKey();
        final CliRun uncosigned = CliRun.run(Map.of(), tmp, "audit", "verify-bundle", bundle.toString(), "--log-key", logKey,
                "--witness-key", witness);
        assertThat(uncosigned.exitCode()).isEqualTo(ExitCodes.MISMATCH);
        assertThat(uncosigned.out()).contains("no valid cosignature of witness witness.test/w9");

        final String otherLog = NoteKey.parseVerifierKey(NoteKey.generate(NoteKey.parseVerifierKey(logKey).name(),
                NoteKey.TYPE_ED25519).verifierKey()).verifierKey();
        assertThat(CliRun.run(Map.of(), tmp, "audit", "verify-bundle", bundle.toString(), "--log-key", otherLog).out())
                .contains("not signed by log key");

        final String text = Files.readString(bundle);
        final Path changed = tmp.resolve("changed.json");
        Files.writeString(changed, text.replaceFirst("\"decision\" : \"DENY\"", "\"decision\" : \"PERMIT\""));
        final CliRun changedDecision = CliRun.run(Map.of(), tmp, "audit", "verify-bundle", changed.toString(), "--log-key", logKey);
        assertThat(changedDecision.exitCode()).isEqualTo(ExitCodes.MISMATCH);
        assertThat(changedDecision.out()).contains("leaf eventHash");

        final com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) CliContext.json().readTree(text);
        final com.fasterxml.jackson.databind.node.ObjectNode first = (com.fasterxml.jackson.databind.node.ObjectNode) tree.path("events").get(0);
        first.put("leafIndex", first.path("leafIndex").asLong() + 1);
        Files.writeString(changed, CliContext.json().writeValueAsString(tree));
        final CliRun movedLeaf = CliRun.run(Map.of(), tmp, "audit", "verify-bundle", changed.toString(), "--log-key", logKey);
        assertThat(movedLeaf.exitCode()).isEqualTo(ExitCodes.MISMATCH);
        assertThat(movedLeaf.out()).contains("inclusion proof of leaf");
    }
}
