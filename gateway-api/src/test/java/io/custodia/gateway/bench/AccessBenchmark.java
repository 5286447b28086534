package io.custodia.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodia.gateway.Gateway;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.config.GatewayConfig;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Load benchmark of {@code POST /api/v1/access-requests} and of 100-row trail reads
 * ({@code GET /api/v1/audit/access-events?datasetId=…&pageSize=100}) against a gateway on a data
 * directory holding at least a million access events. Not a test: run it by hand (docs/benchmarks.md).
 *
 * <p>Settings (system properties): {@code bench.dir} (/tmp/custodia-bench), {@code bench.datasets}
 * (100), {@code bench.subjects} (100), {@code bench.events} (1000000), {@code bench.permitEvery} (100),
 * {@code bench.postConcurrency} (32), {@code bench.readRate} (1000), {@code bench.readConcurrency} (16), {@code bench.openSeconds} (10),
 * {@code bench.warmupSeconds} (60), {@code bench.seconds} (30), {@code bench.prepareOnly} (false), {@code bench.only} (all | post | read),
 * {@code bench.permitFraction} (1.0: every POST a PERMIT releasing all subjects; 0: every POST denied at the dataset level).
 */
public final class AccessBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessBenchmark() {}

    public static void main(final String[] args) throws Exception {
        final Path dir = Path.of(System.getProperty("bench.dir", "/tmp/custodia-bench"));
        final int datasets = Integer.getInteger("bench.datasets", 100);
        final int subjects = Integer.getInteger("bench.subjects", 100);
        final long events = Long.getLong("bench.events", 1_000_000L);
        final int permitEvery = Integer.getInteger("bench.permitEvery", 100);
        final Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 60));
        final Duration measure = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
        // Share of POSTs that are PERMITs releasing every subject; the rest are denied at the dataset
        // level (a for-profit request on an NPU dataset): the two ends of the cost range.
        final double permitFraction = Double.parseDouble(System.getProperty("bench.permitFraction", "1.0"));

        new BenchData(dir, datasets, subjects, events, permitEvery).prepareIfNeeded(AccessBenchmark::start);
        if (Boolean.getBoolean("bench.prepareOnly")) {
            return;
        }
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores; " + loadAverage());
        final long opened = System.nanoTime();
        try (Gateway gateway = start(dir)) {
            System.out.printf("gateway up on %s in %.1f s; ledger %s%n", gateway.baseUrl(), (System.nanoTime() - opened) / 1e9,
                    gateway.ledger().status());
            final String requester = gateway.devTokens().orElseThrow()
                    .issue(new Principal(UserRole.INSTITUTION, BenchData.REQUESTER, "bench-researcher"), Duration.ofHours(2));
            final String auditor = gateway.devTokens().orElseThrow()
                    .issue(new Principal(UserRole.AUDITOR, "BenchAuditMSP", "bench-auditor"), Duration.ofHours(2));
            final String base = gateway.baseUrl();
            final LoadDriver driver = new LoadDriver();

            final java.util.function.Supplier<HttpRequest> post = () -> HttpRequest.newBuilder(URI.create(base + "/api/v1/access-requests"))
                    .header("Authorization", "Bearer " + requester).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BenchData.request(null,
                            BenchData.datasetId(ThreadLocalRandom.current().nextInt(datasets)),
                            ThreadLocalRandom.current().nextDouble() >= permitFraction)))
                    .build();
            final java.util.function.Supplier<HttpRequest> read = () -> HttpRequest.newBuilder(URI.create(base
                    + "/api/v1/audit/access-events?pageSize=100&datasetId=" + BenchData.datasetId(ThreadLocalRandom.current().nextInt(datasets))))
                    .header("Authorization", "Bearer " + auditor).GET().build();

            sanity(driver, HttpRequest.newBuilder(URI.create(base + "/api/v1/access-requests"))
                    .header("Authorization", "Bearer " + requester).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BenchData.request(null, BenchData.datasetId(0), false))).build(),
                    read.get(), subjects);

            final String only = System.getProperty("bench.only", "all");
            if (only.equals("all") || only.equals("post")) {
            report(driver.closedLoop("POST /api/v1/access-requests (" + Math.round(permitFraction * 100) + "% PERMIT of "
                    + subjects + " subjects), closed loop, " + Integer.getInteger("bench.postConcurrency", 32) + " in flight", post, 201, Integer.getInteger("bench.postConcurrency", 32), warmup, measure));
            }
            if (only.equals("all") || only.equals("read")) {
                final LoadDriver.Result max = driver.closedLoop("GET trail (100 rows), closed loop, "
                        + Integer.getInteger("bench.readConcurrency", 16) + " in flight (max throughput)", read, 200,
                        Integer.getInteger("bench.readConcurrency", 16), warmup, measure);
                report(max);
                // At half the measured capacity, where queueing does not dominate; first, because an
                // overloaded run leaves a backlog that would still be draining into the next one.
                final int sustainable = Math.max(1, (int) (max.rps() / 2));
                report(driver.openLoop("GET trail (100 rows), open loop at " + sustainable + "/s (half of max)", read, 200,
                        sustainable, Duration.ofSeconds(5), measure));
                // The target rate, bounded in time: beyond capacity an open loop only queues.
                final int rate = Integer.getInteger("bench.readRate", 1000);
                report(driver.openLoop("GET trail (100 rows), open loop at " + rate + "/s", read, 200, rate,
                        Duration.ofSeconds(5), Duration.ofSeconds(Integer.getInteger("bench.openSeconds", 10))));
            }
            System.out.println("ledger after the run: " + gateway.ledger().status());
        }
    }

    private static Gateway start(final Path dir) {
        return Gateway.start(GatewayConfig.load(Map.of(
                "CUSTODIA_DATA_DIR", dir.toString(),
                "CUSTODIA_PORT", System.getProperty("bench.port", "0"))));
    }

    /** One request of each kind, checked, so the load runs measure real work and not error responses. */
    private static void sanity(final LoadDriver driver, final HttpRequest post, final HttpRequest read, final int subjects) throws Exception {
        final HttpResponse<String> posted = driver.client().send(post, HttpResponse.BodyHandlers.ofString());
        final JsonNode grant = JSON.readTree(posted.body());
        if (posted.statusCode() != 201 || !"PERMIT".equals(grant.path("event").path("decision").asText())
                || grant.path("subjects").size() != subjects) {
            throw new IllegalStateException("sanity POST did not release all subjects: " + posted.statusCode() + " "
                    + grant.path("event") + " subjects=" + grant.path("subjects").size());
        }
        final HttpResponse<String> page = driver.client().send(read, HttpResponse.BodyHandlers.ofString());
        final int rows = JSON.readTree(page.body()).path("items").size();
        if (page.statusCode() != 200 || rows != 100) {
            throw new IllegalStateException("sanity GET did not return 100 rows: " + page.statusCode() + " rows=" + rows);
        }
        System.out.printf("sanity: POST -> 201 PERMIT with %d subjects (%d bytes); GET -> 200 with %d rows (%d bytes)%n",
                grant.path("subjects").size(), posted.body().length(), rows, page.body().length());
    }

    private static void report(final LoadDriver.Result result) {
        System.out.println(result.report() + "; " + loadAverage());
    }

    private static String loadAverage() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "load average " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }
}
