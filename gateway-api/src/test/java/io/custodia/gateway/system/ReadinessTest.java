package io.custodia.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.gateway.ledger.Committed;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.ledger.VerificationAnchor;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code /ready} for each state a ledger backend can report: reads and writes, reads only, nothing. */
class ReadinessTest {

    @Test
    void is_ready_when_the_ledger_answers_and_takes_writes() throws Exception {
        final Reply reply = ready(new StubLedger(true, Optional.empty()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("status").asText()).isEqualTo("READY");
        assertThat(reply.json().path("writes").asText()).isEqualTo("UP");
    }

    @Test
    void is_degraded_with_the_cause_when_reads_work_but_writes_cannot_be_endorsed() throws Exception {
        final Reply reply = ready(new StubLedger(true, Optional.of("the endorsing peer of Org2MSP cannot be reached")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("status").asText()).isEqualTo("DEGRADED");
        assertThat(reply.json().path("ledger").asText()).isEqualTo("UP");
        assertThat(reply.json().path("writes").asText()).isEqualTo("DOWN");
        assertThat(reply.json().path("cause").asText()).isEqualTo("the endorsing peer of Org2MSP cannot be reached");
    }

    @Test
    void is_not_ready_when_the_ledger_does_not_answer() throws Exception {
        final Reply reply = ready(new StubLedger(false, Optional.empty()));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().path("status").asText()).isEqualTo("NOT_READY");
    }

    private static Reply ready(final LedgerClient ledger) throws Exception {
        final SystemHandlers handlers = new SystemHandlers(ledger, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        final Javalin app = Javalin.create(config -> config.showJavalinBanner = false).get("/ready", handlers::ready).start("127.0.0.1", 0);
        try {
            return new HttpClientSupport("http://127.0.0.1:" + app.port()).get("/ready", null);
        } finally {
            app.stop();
        }
    }

    /** Answers readiness as told; every ledger operation is outside these tests. */
    private record StubLedger(boolean ready, Optional<String> writes) implements LedgerClient {
        @Override
        public Committed submit(final LedgerCaller caller, final String function, final String... args) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] evaluate(final LedgerCaller caller, final String function, final String... args) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LedgerStatus status() {
            throw new UnsupportedOperationException();
        }

        @Override
        public LedgerVerification verify(final Optional<VerificationAnchor> anchor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Map<String, TransactionStatus> transactions(final java.util.Collection<String> txIds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public Optional<String> writesUnavailable() {
            return writes;
        }

        @Override
        public void close() {}
    }
}
