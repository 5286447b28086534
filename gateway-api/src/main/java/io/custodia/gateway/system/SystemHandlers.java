package io.custodia.gateway.system;

import io.custodia.gateway.ledger.LedgerClient;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Optional;

/** Liveness, readiness and the Prometheus scrape endpoint. */
public final class SystemHandlers {
    private final LedgerClient ledger;
    private final PrometheusMeterRegistry metrics;

    public SystemHandlers(final LedgerClient ledger, final PrometheusMeterRegistry metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /** The process is up. */
    public void health(final Context ctx) {
        ctx.json(Map.of("status", "UP"));
    }

    /**
     * The process can serve: the ledger answers. When it answers reads but writes cannot be endorsed
     * (Fabric: another institution's peer or chaincode server is down) the answer is still 200, as
     * {@code DEGRADED} with the cause: reads, listings and audits work, and every institution's gateway
     * would fail alike, so taking this one out of rotation would help nobody.
     */
    public void ready(final Context ctx) {
        final boolean ready = ledger.isReady();
        if (!ready) {
            ctx.status(503).json(Map.of("status", "NOT_READY", "ledger", "DOWN", "writes", "DOWN"));
            return;
        }
        final Optional<String> writes = ledger.writesUnavailable();
        if (writes.isPresent()) {
            ctx.status(200).json(Map.of("status", "DEGRADED", "ledger", "UP", "writes", "DOWN", "cause", writes.get()));
            return;
        }
        ctx.status(200).json(Map.of("status", "READY", "ledger", "UP", "writes", "UP"));
    }

    public void metrics(final Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
