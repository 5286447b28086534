package io.custodia.gateway.http;

import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Per-route request timers ({@code http_server_requests}), tagged by route template, never by raw path (no IDs in metrics). */
final class RequestMetrics {
    private static final String START = "custodia.request.start";

    private RequestMetrics() {}

    static void install(final Javalin app, final MeterRegistry registry) {
        app.before(ctx -> ctx.attribute(START, System.nanoTime()));
        app.after(ctx -> {
            final Long start = ctx.attribute(START);
            if (start == null) {
                return;
            }
            Timer.builder("http.server.requests")
                    .tag("method", ctx.method().name())
                    .tag("route", ctx.endpointHandlerPath().isEmpty() ? "unmatched" : ctx.endpointHandlerPath())
                    .tag("status", Integer.toString(ctx.statusCode()))
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        });
    }
}
