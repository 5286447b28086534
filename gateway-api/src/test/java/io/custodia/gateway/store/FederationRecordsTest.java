package io.custodia.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The federation tables (migration V20) on SQLite, and on PostgreSQL when {@code
 * CUSTODIA_TEST_POSTGRES_URL} is set: nonces are claimed once and forgotten after they expire; pending
 * deliveries are kept per requester until delivered.
 */
class FederationRecordsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path dataDir;

    private PostgresTestDatabase postgres;

    @AfterEach
    void dropSchema() throws SQLException {
        if (postgres != null) {
            postgres.drop();
        }
    }

    static Stream<String> dialects() {
        return Stream.of("sqlite", "postgresql");
    }

    private OffChainStore open(final String dialect) {
        if (dialect.equals("sqlite")) {
            return OffChainStore.open(StoreConfig.sqlite(dataDir, TestData.newKek()));
        }
        final String url = PostgresTestDatabase.urlFromEnvironment();
        Assumptions.assumeTrue(url != null, "set CUSTODIA_TEST_POSTGRES_URL to run the federation tables against PostgreSQL");
        postgres = new PostgresTestDatabase(url);
        return OffChainStore.open(postgres.config(TestData.newKek(), new MutableClock(NOW)));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void a_nonce_is_claimed_once_per_requester_and_forgotten_after_it_expires(final String dialect) {
        try (OffChainStore store = open(dialect)) {
            final Instant expires = NOW.plus(Duration.ofMinutes(1));

            final boolean first = store.federation().claimNonce("Org2MSP", "00ff", expires, NOW);
            final boolean replay = store.federation().claimNonce("Org2MSP", "00ff", expires, NOW.plusSeconds(30));
            final boolean otherRequester = store.federation().claimNonce("Org3MSP", "00ff", expires, NOW);
            final boolean afterExpiry = store.federation().claimNonce("Org2MSP", "00ff", expires.plusSeconds(60), expires.plusSeconds(1));

            assertThat(first).isTrue();
            assertThat(replay).isFalse();
            assertThat(otherRequester).isTrue();
            assertThat(afterExpiry).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void a_pending_delivery_is_kept_for_its_requester_until_deleted(final String dialect) {
        try (OffChainStore store = open(dialect)) {
            final byte[] decision = "{\"event\":{}}".getBytes(StandardCharsets.UTF_8);
            store.federation().savePending("req-1", "Org2MSP", decision, NOW);
            store.federation().savePending("req-1", "Org2MSP", decision, NOW.plusSeconds(5));

            final boolean forRequester = store.federation().pendingDecision("req-1", "Org2MSP").isPresent();
            final boolean forOther = store.federation().pendingDecision("req-1", "Org3MSP").isPresent();
            store.inTransaction(tx -> {
                tx.federation().deletePending("req-1");
                return null;
            });

            assertThat(forRequester).isTrue();
            assertThat(forOther).isFalse();
            assertThat(store.federation().pendingDecision("req-1", "Org2MSP")).isEmpty();
        }
    }
}
