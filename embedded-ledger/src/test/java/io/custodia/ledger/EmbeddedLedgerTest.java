package io.custodia.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.ledger.identity.Identity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedLedgerTest {
    @TempDir
    Path dir;

    private static String text(final byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void committed_value_is_read_back_and_survives_reopen() {
        final String txId;
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            final CommitResult result = ledger.submit(TestLedgers.member(ledger), "kv:put", "A", "1");
            txId = result.txId();

            assertThat(result.validationCode()).isEqualTo(ValidationCode.VALID);
            assertThat(result.blockNumber()).isEqualTo(1);
        }

        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            assertThat(text(ledger.evaluate(TestLedgers.member(ledger), "kv:get", "A"))).isEqualTo("1");
            assertThat(text(ledger.evaluate(TestLedgers.member(ledger), "kv:history", "A"))).isEqualTo(txId + ":1");
            assertThat(ledger.info().height()).isEqualTo(2);
            assertThat(ledger.info().transactionCount()).isEqualTo(1);
        }
    }

    @Test
    void chaincode_failure_carries_error_code_and_writes_nothing() {
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            final Identity alice = TestLedgers.member(ledger);

            assertThatThrownBy(() -> ledger.submit(alice, "kv:fail", "NOT_ALLOWED"))
                    .isInstanceOfSatisfying(ChaincodeFailure.class, f -> {
                        assertThat(f.status()).isEqualTo(500);
                        assertThat(f.errorCode()).isEqualTo("NOT_ALLOWED");
                        assertThat(f.getMessage()).isEqualTo("refused");
                    });
            assertThatThrownBy(() -> ledger.evaluate(alice, "kv:get", "should-not-exist"))
                    .isInstanceOfSatisfying(ChaincodeFailure.class, f -> assertThat(f.errorCode()).isEqualTo("NOT_FOUND"));
            assertThat(ledger.info().height()).isEqualTo(1);
        }
    }

    @Test
    void evaluate_never_writes() {
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            final Identity alice = TestLedgers.member(ledger);

            ledger.evaluate(alice, "kv:put", "B", "2");

            assertThatThrownBy(() -> ledger.evaluate(alice, "kv:get", "B")).isInstanceOf(ChaincodeFailure.class);
            assertThat(ledger.info().height()).isEqualTo(1);
        }
    }

    @Test
    void creator_is_a_real_identity_with_attributes() {
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            final String who = text(ledger.evaluate(TestLedgers.member(ledger), "kv:whoami"));

            assertThat(who).startsWith("Org1MSP|institution|");
            assertThat(who.split("\\|")[2]).matches("[0-9a-f]{64}");
        }
    }

    @Test
    void history_is_newest_first_and_keeps_deletes() {
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            final Identity alice = TestLedgers.member(ledger);
            final String t1 = ledger.submit(alice, "kv:put", "H", "one").txId();
            final String t2 = ledger.submit(alice, "kv:put", "H", "two").txId();
            final String t3 = ledger.submit(alice, "kv:del", "H").txId();

            final String history = text(ledger.evaluate(alice, "kv:history", "H"));

            assertThat(history).isEqualTo(t3 + ":<deleted>;" + t2 + ":two;" + t1 + ":one");
        }
    }

    @Test
    void put_of_empty_value_is_a_delete() {
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            final Identity alice = TestLedgers.member(ledger);
            ledger.submit(alice, "kv:put", "E", "v");

            ledger.submit(alice, "kv:put", "E", "");

            assertThatThrownBy(() -> ledger.evaluate(alice, "kv:get", "E")).isInstanceOf(ChaincodeFailure.class);
            assertThat(text(ledger.evaluate(alice, "kv:history", "E"))).contains("<deleted>");
        }
    }

    @Test
    void range_queries_follow_fabric_rules() {
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            final Identity alice = TestLedgers.member(ledger);
            final java.util.List<java.util.concurrent.CompletableFuture<CommitResult>> puts = new java.util.ArrayList<>();
            for (final String k : new String[] {"R\u0001a", "R\u0001b", "R\u0001c", "R\u0001d", "S\u0001a"}) {
                puts.add(ledger.submitAsync(alice, "kv:put", k, k.substring(2)));
            }
            puts.forEach(java.util.concurrent.CompletableFuture::join);

            final String range = text(ledger.evaluate(alice, "kv:range", "R\u0001", "R\u0002"));
            final String page1 = text(ledger.evaluate(alice, "kv:page", "R\u0001", "R\u0002", "2", ""));
            final String page2 = text(ledger.evaluate(alice, "kv:page", "R\u0001", "R\u0002", "2", "R\u0001c"));

            assertThat(range).isEqualTo("R\u0001a=a;R\u0001b=b;R\u0001c=c;R\u0001d=d");
            assertThat(page1).isEqualTo("R\u0001a,R\u0001b|R\u0001c");
            assertThat(page2).isEqualTo("R\u0001c,R\u0001d|");
            assertThatThrownBy(() -> ledger.evaluate(alice, "kv:range", "\u0000R\u0000", ""))
                    .isInstanceOf(ChaincodeFailure.class);
            assertThatThrownBy(() -> ledger.submit(alice, "kv:pageThenPut", "P"))
                    .isInstanceOf(ChaincodeFailure.class)
                    .hasMessageContaining("pagination");
        }
    }

    @Test
    void unsupported_stub_features_fail_loudly() {
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            assertThatThrownBy(() -> ledger.evaluate(TestLedgers.member(ledger), "kv:privateRead"))
                    .isInstanceOf(ChaincodeFailure.class)
                    .hasMessageContaining("not supported by the embedded ledger");
        }
    }

    @Test
    void unexpected_chaincode_error_names_its_cause() {
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            assertThatThrownBy(() -> ledger.evaluate(TestLedgers.member(ledger), "kv:boom"))
                    .isInstanceOf(ChaincodeFailure.class)
                    .hasMessageContaining("IllegalStateException: boom happened");
        }
    }

    @Test
    void transient_data_reaches_chaincode_but_not_the_block() {
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            final CommitResult r = ledger.submitWithTransient(TestLedgers.member(ledger),
                    Map.of("secret", "s3cr3t".getBytes(StandardCharsets.UTF_8)), "kv:transientValue", "secret");

            assertThat(text(r.payload())).isEqualTo("s3cr3t");
            assertThat(ledger.verify().ok()).isTrue();
        }
    }

    @Test
    void a_ledger_cannot_be_opened_twice() {
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            assertThatThrownBy(() -> TestLedgers.open(dir))
                    .isInstanceOf(LedgerException.class)
                    .hasMessageContaining("already open");
        }
    }

    @Test
    void lost_state_is_rebuilt_from_blocks() throws Exception {
        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            final Identity alice = TestLedgers.member(ledger);
            ledger.submit(alice, "kv:put", "K", "1");
            ledger.submit(alice, "kv:put", "K", "2");
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir.resolve("state"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        try (EmbeddedLedger ledger = TestLedgers.open(dir)) {
            assertThat(text(ledger.evaluate(TestLedgers.member(ledger), "kv:get", "K"))).isEqualTo("2");
            assertThat(text(ledger.evaluate(TestLedgers.member(ledger), "kv:history", "K")).split(";")).hasSize(2);
        }
    }
}
