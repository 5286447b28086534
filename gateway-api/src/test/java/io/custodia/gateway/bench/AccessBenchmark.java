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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
 * {@code bench.permitFraction} (1.0: every POST a PERMIT releasing all subjects; 0: every POST denied at the dataset level),
 * {@code bench.url} (unset: start the gateway in this JVM; else the base URL of a running gateway on prepared data).
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

        // The JDK HttpClient completes responses on the common pool; with fewer than 2 cores' worth of
        // parallelism CompletableFuture starts a new thread per completion instead, which cost the
        // generator more CPU than the requests themselves. Must be set before the pool exists.
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "4");
        final String url = System.getProperty("bench.url");
        if (url == null) {
            new BenchData(dir, datasets, subjects, events, permitEvery).prepareIfNeeded(AccessBenchmark::start);
        }
        if (Boolean.getBoolean("bench.prepareOnly")) {
            return;
        }
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores; " + loadAverage());
        final long opened = System.nanoTime();
        try (Target target = url == null ? Target.inProcess(start(dir)) : Target.remote(url)) {
            System.out.printf("gateway %s on %s (%.1f s)%n", url == null ? "started in this JVM" : "already running",
                    target.baseUrl(), (System.nanoTime() - opened) / 1e9);
            final String requester = target.token(new Principal(UserRole.INSTITUTION, BenchData.REQUESTER, "bench-researcher"));
            final String auditor = target.token(new Principal(UserRole.AUDITOR, "BenchAuditMSP", "bench-auditor"));
            final String base = target.baseUrl();
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
        }
    }

    /**
     * The gateway under load: started in this JVM on the data directory (simplest; the generator then
     * competes with it for the same heap, JIT and cores), or one already running elsewhere
     * ({@code -Dbench.url}, e.g. the README's jar on a prepared directory), whose development-token
     * endpoint issues the benchmark's tokens.
     */
    private interface Target extends AutoCloseable {
        String baseUrl();

        String token(Principal principal) throws Exception;

        @Override
        void close() throws Exception;

        static Target inProcess(final Gateway gateway) {
            return new Target() {
                public String baseUrl() {
                    return gateway.baseUrl();
                }

                public String token(final Principal principal) {
                    return gateway.devTokens().orElseThrow().issue(principal, Duration.ofHours(2));
                }

                public void close() throws Exception {
                    System.out.println("ledger after the run: " + gateway.ledger().status());
                    gateway.close();
                }
            };
        }

        static Target remote(final String url) {
            final java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            return new Target() {
                public String baseUrl() {
                    return url;
                }

                public String token(final Principal principal) throws Exception {
                    final String body = JSON.writeValueAsString(Map.of("role", principal.role().claim(),
                            "institution", principal.institution(), "subject", principal.subject(), "ttlSeconds", 7200));
                    final HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url + "/dev/tokens"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException("POST " + url + "/dev/tokens answered " + response.statusCode()
                                + " (the benchmark needs a gateway in embedded development mode): " + response.body());
                    }
                    return JSON.readTree(response.body()).path("token").asText();
                }

                public void close() {
                    // Nothing to stop: the gateway belongs to whoever started it.
                }
            };
        }
    }

    /** The gateway on {@code dir}; on PostgreSQL when {@code CUSTODIA_STORE_URL} is set, as for the jar. */
    private static Gateway start(final Path dir) {
        final Map<String, String> env = new HashMap<>();
        env.put("CUSTODIA_DATA_DIR", dir.toString());
        env.put("CUSTODIA_PORT", System.getProperty("bench.port", "0"));
        // The load comes from one caller, far above the default per-caller limit (docs/benchmarks.md).
        env.put("CUSTODIA_RATE_LIMIT", "1000000");
        Optional.ofNullable(System.getenv("CUSTODIA_STORE_URL")).ifPresent(url -> env.put("CUSTODIA_STORE_URL", url));
        return Gateway.start(GatewayConfig.load(env));
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
