package io.custodia.gateway.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.canonical.Hashes;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.store.SubjectItems;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.DeadProcess;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.RunningGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Start-up reconciliation when the off-chain store lost rows the ledger says exist (e.g. an SQLite
 * database restored from an old copy): the gateway refuses to start and says what is missing and how
 * to start anyway; with CUSTODIA_ACCEPT_STORE_LOSS=true it starts.
 */
class StoreReconciliationTest {
    private static final String ORG = "Org1MSP";

    private record Registered(Path dir, String datasetId, List<String> refs) {}

    private static Registered registeredDataset() throws Exception {
        final Path dir = Files.createTempDirectory("custodia-reconcile-");
        final String datasetId = "ds-" + UUID.randomUUID();
        final List<String> refs = List.of(Hashes.sha256Hex("a" + datasetId), Hashes.sha256Hex("b" + datasetId));
        try (RunningGateway gateway = RunningGateway.start(dir)) {
            final HttpClientSupport.Reply registered = new HttpClientSupport(gateway.baseUrl()).post("/api/v1/datasets",
                    gateway.token(UserRole.INSTITUTION, ORG, "steward"), HttpClientSupport.json(ApiSamples.registration(datasetId, refs)));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        }
        try (RunningGateway clean = RunningGateway.start(dir)) {
            assertThat(clean.gateway().store().datasets().find(datasetId)).as("control: a clean store starts").isPresent();
        }
        return new Registered(dir, datasetId, refs);
    }

    @Test
    void a_store_that_lost_a_datasets_pointers_is_refused_with_what_is_missing_unless_the_loss_is_accepted() throws Exception {
        final Registered setup = registeredDataset();
        try (DeadProcess process = DeadProcess.open(setup.dir())) {
            process.store().datasets().delete(setup.datasetId());
        }

        assertThatThrownBy(() -> RunningGateway.start(setup.dir()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dataset " + setup.datasetId())
                .hasMessageContaining("not in the off-chain store")
                .hasMessageContaining("CUSTODIA_ACCEPT_STORE_LOSS=true");
        try (RunningGateway degraded = RunningGateway.start(setup.dir(), Map.of("CUSTODIA_ACCEPT_STORE_LOSS", "true"))) {
            assertThat(degraded.gateway().store().datasets().find(setup.datasetId())).isEmpty();
        }
    }

    @Test
    void a_subject_whose_items_are_gone_without_an_erasure_receipt_is_reported_as_lost() throws Exception {
        final Registered setup = registeredDataset();
        try (DeadProcess process = DeadProcess.open(setup.dir())) {
            final SubjectItems kept = process.store().items().find(setup.datasetId(), setup.refs().get(0)).orElseThrow();
            // The dataset's rows as an older copy of the database had them: one subject's items missing.
            process.store().datasets().delete(setup.datasetId());
            process.store().datasets().put(new io.custodia.gateway.store.DatasetPointer(setup.datasetId(),
                    "s3://bucket/" + setup.datasetId(), ORG));
            process.store().items().put(kept);
        }

        assertThatThrownBy(() -> RunningGateway.start(setup.dir()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dataset " + setup.datasetId() + ": 1 subject(s)")
                .hasMessageNotContaining(setup.refs().get(1));
    }
}
