package io.custodia.gateway.system;

import io.custodia.gateway.ledger.LedgerClient;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

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

    /** The process can serve: the ledger takes transactions. */
    public void ready(final Context ctx) {
        final boolean ready = ledger.isReady();
        ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "READY" : "NOT_READY", "ledger", ready ? "UP" : "DOWN"));
    }

    public void metrics(final Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
