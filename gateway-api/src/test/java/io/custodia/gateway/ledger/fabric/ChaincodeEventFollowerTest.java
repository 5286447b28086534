package io.custodia.gateway.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.testing.FabricTestNetwork;
import io.custodia.gateway.testing.RequiresFabricNetwork;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event following with a checkpoint file, against the real network; skipped without it. */
@RequiresFabricNetwork
class ChaincodeEventFollowerTest {
    private static FabricLedgerClient org1;

    @BeforeAll
    static void connect() {
        org1 = FabricLedgerClient.connect(FabricConnection.read(FabricTestNetwork.connection(1)), FabricDeadlines.DEFAULT);
    }

    @AfterAll
    static void close() {
        if (org1 != null) {
            org1.close();
        }
    }

    @Test
    void resumes_after_a_restart_from_the_checkpoint_without_missing_or_repeating_events(@TempDir final Path dir) throws Exception {
        final Path checkpoint = dir.resolve("events.checkpoint");
        final long start = org1.status().height();
        final List<String> a = register(2);
        final List<String> firstRun = new CopyOnWriteArrayList<>();
        try (ChaincodeEventFollower follower = org1.followEvents(checkpoint, start, e -> firstRun.add(text(e)))) {
            awaitContaining(firstRun, a);
        }
        final List<String> b = register(2);

        final List<String> secondRun = new CopyOnWriteArrayList<>();
        try (ChaincodeEventFollower follower = org1.followEvents(checkpoint, start, e -> secondRun.add(text(e)))) {
            awaitContaining(secondRun, b);
            assertThat(follower.checkpointBlock()).isPresent();
        }

        assertThat(Files.size(checkpoint)).isPositive();
        assertThat(String.join("\n", secondRun)).doesNotContain(a.get(0)).doesNotContain(a.get(1));
        assertThat(String.join("\n", firstRun)).doesNotContain(b.get(0)).doesNotContain(b.get(1));
    }

    private static List<String> register(final int count) throws Exception {
        final List<String> ids = new CopyOnWriteArrayList<>();
        for (int i = 0; i < count; i++) {
            final String id = FabricLedgerClientTest.datasetId();
            org1.submit(LedgerCaller.institution("Org1MSP"), "datasets:RegisterDataset", FabricLedgerClientTest.registration(id));
            ids.add(id);
        }
        return ids;
    }

    private static String text(final ChaincodeEvent event) {
        return event.getEventName() + " " + new String(event.getPayload(), StandardCharsets.UTF_8);
    }

    private static void awaitContaining(final List<String> seen, final List<String> ids) throws InterruptedException {
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && !ids.stream().allMatch(id -> seen.stream().anyMatch(s -> s.contains(id)))) {
            Thread.sleep(100);
        }
        for (final String id : ids) {
            assertThat(seen).as("events seen").anyMatch(s -> s.startsWith("DatasetRegistered") && s.contains(id));
        }
    }
}
