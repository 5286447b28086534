package io.custodia.gateway.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodia.canonical.Hashes;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.outbox.OutboxRunner;
import io.custodia.gateway.store.DatasetPointer;
import io.custodia.gateway.store.SubjectItems;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.DeadProcess;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.RunningGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.custodia.gateway.testing.TestStores;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A registration killed at any point — after its off-chain write, after its ledger commit, after it
 * completed but before its answer — is retried with the same Idempotency-Key by the client against the
 * restarted gateway: exactly one registration results, the retry answers 201 with the committed record,
 * and GET works. On SQLite and on PostgreSQL.
 */
class RegistrationCrashRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = "Org1MSP";

    private static String ref() {
        return Hashes.sha256Hex(UUID.randomUUID().toString());
    }

    private static RegistrationCheck.ValidRegistration valid(final Map<String, Object> body) {
        return RegistrationCheck.validate(JSON.convertValue(body, RegisterDatasetRequest.class));
    }

    private static HttpClientSupport.Reply post(final RunningGateway gateway, final String key, final Map<String, Object> body)
            throws Exception {
        return new HttpClientSupport(gateway.baseUrl()).post("/api/v1/datasets",
                gateway.token(UserRole.INSTITUTION, ORG, "steward"), HttpClientSupport.json(body), Map.of("Idempotency-Key", key));
    }

    /** Runs the registration in a process that is killed at {@code point}, leaving its files behind. */
    private static void registerThenKill(final Path dir, final Map<String, String> settings, final Map<String, Object> body,
            final String point) {
        try (DeadProcess process = DeadProcess.open(dir, settings)) {
            final OutboxRunner runner = new OutboxRunner(process.store(), Clock.systemUTC());
            final DatasetRegistration registration = new DatasetRegistration(process.ledger(), process.store(), runner);
            runner.register(switch (point) {
                case "after-store-write" -> DeadProcess.killedAt(registration.operation(), 1, false);
                case "after-ledger-commit" -> DeadProcess.killedAt(registration.operation(), 1, true);
                default -> throw new IllegalArgumentException(point);
            });

            assertThatThrownBy(() -> registration.register(LedgerCaller.institution(ORG), valid(body), true))
                    .isInstanceOf(DeadProcess.Halt.class);
        }
    }

    private static void assertRegisteredOnce(final RunningGateway gateway, final String datasetId, final List<String> refs)
            throws Exception {
        final HttpClientSupport http = new HttpClientSupport(gateway.baseUrl());
        final String token = gateway.token(UserRole.INSTITUTION, ORG, "steward");
        final HttpClientSupport.Reply read = http.get("/api/v1/datasets/" + datasetId, token);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        final HttpClientSupport.Reply history = http.get("/api/v1/datasets/" + datasetId + "/history", token);
        assertThat(history.json()).as("one registration on the ledger").hasSize(1);
        assertThat(gateway.gateway().store().datasets().find(datasetId)).isPresent();
        for (final String ref : refs) {
            assertThat(gateway.gateway().store().items().find(datasetId, ref)).isPresent();
        }
        assertThat(gateway.gateway().store().outbox().findByKey(DatasetRegistration.key(datasetId)).orElseThrow().done()).isTrue();
    }

    static Stream<Arguments> pointsAndStores() {
        return Stream.of("after-store-write", "after-ledger-commit")
                .flatMap(point -> TestStores.kinds().map(store -> Arguments.of(point, store)));
    }

    @ParameterizedTest
    @MethodSource("pointsAndStores")
    void a_registration_killed_mid_way_is_registered_exactly_once_by_the_retry_with_the_same_key(final String point,
            final String store) throws Exception {
        final Map<String, String> settings = TestStores.settings(store);
        final Path dir = Files.createTempDirectory("custodia-reg-crash-");
        final String datasetId = "ds-" + UUID.randomUUID();
        final List<String> refs = List.of(ref(), ref());
        final Map<String, Object> body = ApiSamples.registration(datasetId, refs);
        registerThenKill(dir, settings, body, point);

        try (RunningGateway restarted = RunningGateway.start(dir, settings)) {
            final HttpClientSupport.Reply retry = post(restarted, "reg-key-" + datasetId, body);
            final HttpClientSupport.Reply again = post(restarted, "reg-key-" + datasetId, body);

            assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
            assertThat(retry.json().path("descriptor").path("datasetId").asText()).isEqualTo(datasetId);
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.json()).isEqualTo(retry.json());
            assertRegisteredOnce(restarted, datasetId, refs);
        }
    }

    @ParameterizedTest
    @MethodSource("io.custodia.gateway.testing.TestStores#kinds")
    void a_retry_of_a_registration_that_committed_but_was_never_answered_replays_the_committed_record(final String store)
            throws Exception {
        final Map<String, String> settings = TestStores.settings(store);
        final Path dir = Files.createTempDirectory("custodia-reg-lost-answer-");
        final String datasetId = "ds-" + UUID.randomUUID();
        final List<String> refs = List.of(ref());
        final Map<String, Object> body = ApiSamples.registration(datasetId, refs);
        final JsonNode first;
        try (DeadProcess process = DeadProcess.open(dir, settings)) {
            final OutboxRunner runner = new OutboxRunner(process.store(), Clock.systemUTC());
            final DatasetRegistration registration = new DatasetRegistration(process.ledger(), process.store(), runner);
            runner.register(registration.operation());
            // Completed; the process dies before the idempotency record and the answer are written.
            first = registration.register(LedgerCaller.institution(ORG), valid(body), true).record();
        }

        try (RunningGateway restarted = RunningGateway.start(dir, settings)) {
            final HttpClientSupport.Reply retry = post(restarted, "reg-key-" + datasetId, body);

            assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
            assertThat(retry.json()).isEqualTo(first);
            assertThat(retry.header("X-Transaction-Id")).isEqualTo(first.path("registeredTxId").asText());
            assertRegisteredOnce(restarted, datasetId, refs);
        }
    }

    @ParameterizedTest
    @MethodSource("io.custodia.gateway.testing.TestStores#kinds")
    void off_chain_rows_of_a_registration_that_never_reached_the_ledger_are_undone_at_start_so_the_retry_registers(final String store)
            throws Exception {
        final Map<String, String> settings = TestStores.settings(store);
        final Path dir = Files.createTempDirectory("custodia-reg-half-");
        final String datasetId = "ds-" + UUID.randomUUID();
        final List<String> refs = List.of(ref());
        final Map<String, Object> body = ApiSamples.registration(datasetId, refs);
        try (DeadProcess process = DeadProcess.open(dir, settings)) {
            // What a process killed between the two writes left before registrations had an outbox item.
            process.store().datasets().put(new DatasetPointer(datasetId, "s3://bucket/" + datasetId, ORG));
            process.store().items().put(new SubjectItems(datasetId, refs.get(0), List.of("s3://bucket/x"), new byte[16]));
        }

        try (RunningGateway restarted = RunningGateway.start(dir, settings)) {
            final HttpClientSupport.Reply retry = post(restarted, "reg-key-" + datasetId, body);

            assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
            assertRegisteredOnce(restarted, datasetId, refs);
        }
    }
}
