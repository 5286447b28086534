package io.custodia.gateway.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Hashes;
import io.custodia.gateway.ledger.Committed;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.FabricTestNetwork;
import io.custodia.gateway.testing.RequiresFabricNetwork;
import io.custodia.ledger.VerificationAnchor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fabric backend against the real network named by {@code CUSTODIA_TEST_FABRIC_NETWORK}; skipped without it. */
@RequiresFabricNetwork
class FabricLedgerClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FabricLedgerClient org1;
    private static FabricLedgerClient org2;

    @BeforeAll
    static void connect() {
        org1 = FabricLedgerClient.connect(FabricConnection.read(FabricTestNetwork.connection(1)), FabricDeadlines.DEFAULT);
        org2 = FabricLedgerClient.connect(FabricConnection.read(FabricTestNetwork.connection(2)), FabricDeadlines.DEFAULT);
    }

    @AfterAll
    static void close() {
        if (org1 != null) {
            org1.close();
        }
        if (org2 != null) {
            org2.close();
        }
    }

    static String datasetId() {
        return "ds-fab-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String[] registration(final String datasetId) {
        return new String[] {CanonicalJson.toString(ApiSamples.descriptor(datasetId)),
                CanonicalJson.toString(List.of(Hashes.sha256Hex("subject-a-" + datasetId), Hashes.sha256Hex("subject-b-" + datasetId)))};
    }

    @Test
    void commits_a_registration_that_the_other_institution_reads() throws Exception {
        final String id = datasetId();

        final Committed committed = org1.submit(LedgerCaller.institution("Org1MSP"), "datasets:RegisterDataset", registration(id));
        final JsonNode read = JSON.readTree(org2.evaluate(LedgerCaller.institution("Org2MSP"), "datasets:GetDataset", id));
        final JsonNode audited = JSON.readTree(org1.evaluate(LedgerCaller.auditor("Org1MSP"), "datasets:GetDataset", id));

        assertThat(committed.txId()).isNotBlank();
        assertThat(committed.blockNumber()).isPositive();
        assertThat(JSON.readTree(committed.payload())).isEqualTo(read);
        assertThat(read.path("owner").asText()).isEqualTo("Org1MSP");
        assertThat(read.toString()).contains(id);
        assertThat(audited).isEqualTo(read);
    }

    @Test
    void reports_the_chaincode_error_code_of_a_duplicate_registration() throws Exception {
        final String id = datasetId();
        org1.submit(LedgerCaller.institution("Org1MSP"), "datasets:RegisterDataset", registration(id));

        assertThatThrownBy(() -> org1.submit(LedgerCaller.institution("Org1MSP"), "datasets:RegisterDataset", registration(id)))
                .isInstanceOfSatisfying(LedgerException.Rejected.class, e -> assertThat(e.code()).isEqualTo("ALREADY_EXISTS"));
    }

    @Test
    void reports_invalid_argument_with_the_field_path_for_bad_input() {
        final String[] args = registration(datasetId());
        args[1] = CanonicalJson.toString(List.of("MRN-0012345"));

        assertThatThrownBy(() -> org1.submit(LedgerCaller.institution("Org1MSP"), "datasets:RegisterDataset", args))
                .isInstanceOfSatisfying(LedgerException.Rejected.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_ARGUMENT");
                    assertThat(e.getMessage()).startsWith("subjects[0]");
                });
    }

    @Test
    void reports_not_found_from_an_evaluation() {
        assertThatThrownBy(() -> org2.evaluate(LedgerCaller.institution("Org2MSP"), "datasets:GetDataset", datasetId()))
                .isInstanceOfSatisfying(LedgerException.Rejected.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
    }

    @Test
    void lets_each_institution_s_own_auditor_read() throws Exception {
        final String id = datasetId();
        org1.submit(LedgerCaller.institution("Org1MSP"), "datasets:RegisterDataset", registration(id));

        final JsonNode audited = JSON.readTree(org2.evaluate(LedgerCaller.auditor("Org2MSP"), "datasets:GetDataset", id));

        assertThat(audited.path("descriptor").path("datasetId").asText()).isEqualTo(id);
    }

    @Test
    void refuses_auditors_on_a_gateway_whose_institution_hosts_none() {
        final FabricConnection real = FabricConnection.read(FabricTestNetwork.connection(2));
        final FabricConnection withoutAuditor = new FabricConnection(real.mspId(), real.channel(), real.chaincode(), real.peerEndpoint(),
                real.peerHostOverride(), real.tlsCaCert(), Map.of(FabricConnection.INSTITUTION, real.identity(FabricConnection.INSTITUTION).orElseThrow()));
        try (FabricLedgerClient client = FabricLedgerClient.connect(withoutAuditor, FabricDeadlines.DEFAULT)) {
            assertThatThrownBy(() -> client.evaluate(LedgerCaller.auditor("Org2MSP"), "datasets:GetDataset", datasetId()))
                    .isInstanceOfSatisfying(LedgerException.Rejected.class, e -> {
                        assertThat(e.code()).isEqualTo("ROLE_FORBIDDEN");
                        assertThat(e.getMessage()).contains("no auditor identity");
                    });
        }
    }

    @Test
    void refuses_callers_of_another_institution() {
        assertThatThrownBy(() -> org1.submit(LedgerCaller.institution("Org2MSP"), "datasets:RegisterDataset", registration(datasetId())))
                .isInstanceOfSatisfying(LedgerException.Rejected.class, e -> assertThat(e.code()).isEqualTo("ROLE_FORBIDDEN"));
    }

    @Test
    void answers_commit_pending_with_the_transaction_id_when_the_commit_status_deadline_passes() {
        final FabricDeadlines impatient = new FabricDeadlines(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMillis(1));
        try (FabricLedgerClient client = FabricLedgerClient.connect(FabricConnection.read(FabricTestNetwork.connection(1)), impatient)) {

            assertThatThrownBy(() -> client.submit(LedgerCaller.institution("Org1MSP"), "datasets:RegisterDataset", registration(datasetId())))
                    .isInstanceOfSatisfying(LedgerException.CommitPending.class, e -> assertThat(e.txId()).matches("[0-9a-f]{64}"));
        }
    }

    @Test
    void reports_unavailable_when_the_peer_cannot_be_reached() {
        final FabricConnection real = FabricConnection.read(FabricTestNetwork.connection(1));
        final FabricConnection nowhere = new FabricConnection(real.mspId(), real.channel(), real.chaincode(), "127.0.0.1:1",
                real.peerHostOverride(), real.tlsCaCert(), real.identities());
        try (FabricLedgerClient client = FabricLedgerClient.connect(nowhere, FabricDeadlines.DEFAULT)) {

            assertThatThrownBy(() -> client.evaluate(LedgerCaller.institution("Org1MSP"), "datasets:GetDataset", "ds-x"))
                    .isInstanceOfSatisfying(LedgerException.Unavailable.class,
                            e -> assertThat(e.reason()).contains("this institution's peer cannot be reached"));
            assertThatThrownBy(() -> client.submit(LedgerCaller.institution("Org1MSP"), "datasets:RegisterDataset", registration(datasetId())))
                    .isInstanceOfSatisfying(LedgerException.Unavailable.class,
                            e -> assertThat(e.reason()).contains("this institution's peer cannot be reached"));
            assertThat(client.isReady()).isFalse();
        }
    }

    @Test
    void reports_height_and_head_and_verifies_the_hash_chain() throws Exception {
        org1.submit(LedgerCaller.institution("Org1MSP"), "datasets:RegisterDataset", registration(datasetId()));

        final LedgerClient.LedgerStatus status = org1.status();
        final LedgerClient.LedgerVerification verification = org2.verify(Optional.empty());
        final VerificationAnchor head = verification.head();
        final LedgerClient.LedgerVerification anchored = org1.verify(Optional.of(head));
        final LedgerClient.LedgerVerification rewritten =
                org1.verify(Optional.of(new VerificationAnchor(head.block(), "00".repeat(32))));

        assertThat(status.backend()).isEqualTo("fabric");
        assertThat(status.height()).isGreaterThan(1);
        assertThat(status.headBlockHash()).matches("[0-9a-f]{64}");
        assertThat(verification.valid()).as(verification.reason()).isTrue();
        assertThat(verification.blocksChecked()).isGreaterThanOrEqualTo(status.height());
        assertThat(verification.transactionsChecked()).isGreaterThanOrEqualTo(verification.blocksChecked());
        assertThat(head.block()).isEqualTo(verification.blocksChecked() - 1);
        assertThat(anchored.valid()).as(anchored.reason()).isTrue();
        assertThat(rewritten.valid()).isFalse();
        assertThat(rewritten.firstBadBlock()).isEqualTo(head.block());
    }
}
