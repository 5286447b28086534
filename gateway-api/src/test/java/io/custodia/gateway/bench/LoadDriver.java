package io.custodia.gateway.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Drives HTTP load against 127.0.0.1 with the JDK's asynchronous client (Java 17: no virtual threads;
 * async requests keep the generator's own thread count and CPU small).
 *
 * <ul>
 *   <li>{@link #closedLoop}: {@code concurrency} requests always in flight, each completion sends the
 *       next; measures the throughput the gateway sustains and the latency at that depth.</li>
 *   <li>{@link #openLoop}: requests sent on a fixed schedule whatever the answers; latency is measured
 *       from the <em>intended</em> send time, so a stall is not hidden (no coordinated omission).</li>
 * </ul>
 */
final class LoadDriver {
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4, r -> {
                final Thread t = new Thread(r, "bench-http");
                t.setDaemon(true);
                return t;
            }))
            .build();

    /** What one run measured. */
    record Result(String name, long requests, long failures, double seconds, Latencies latencies, String firstFailure) {
        double rps() {
            return requests / seconds;
        }

        String report() {
            return String.format("%s: %d requests in %.1f s = %.0f req/s, %d failed%s; %s", name, requests, seconds, rps(),
                    failures, firstFailure == null ? "" : " (first: " + firstFailure + ")", latencies.summary());
        }
    }

    Result closedLoop(final String name, final Supplier<HttpRequest> requests, final int expectedStatus,
            final int concurrency, final Duration warmup, final Duration measure) throws InterruptedException {
        final long start = System.nanoTime();
        final long measureFrom = start + warmup.toNanos();
        final long stopAt = measureFrom + measure.toNanos();
        final Latencies latencies = new Latencies(5_000_000);
        final AtomicLong failures = new AtomicLong();
        final String[] firstFailure = new String[1];
        final CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            sendNext(requests, expectedStatus, measureFrom, stopAt, latencies, failures, firstFailure, done);
        }
        done.await();
        return new Result(name, latencies.count(), failures.get(), measure.toNanos() / 1e9, latencies, firstFailure[0]);
    }

    private void sendNext(final Supplier<HttpRequest> requests, final int expectedStatus, final long measureFrom, final long stopAt,
            final Latencies latencies, final AtomicLong failures, final String[] firstFailure, final CountDownLatch done) {
        final long sent = System.nanoTime();
        if (sent >= stopAt) {
            done.countDown();
            return;
        }
        client.sendAsync(requests.get(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            final long now = System.nanoTime();
            if (sent >= measureFrom && now <= stopAt) {
                if (error == null && response.statusCode() == expectedStatus) {
                    latencies.record(now - sent);
                } else {
                    failed(failures, firstFailure, error, response);
                }
            }
            sendNext(requests, expectedStatus, measureFrom, stopAt, latencies, failures, firstFailure, done);
        });
    }

    Result openLoop(final String name, final Supplier<HttpRequest> requests, final int expectedStatus, final int ratePerSecond,
            final Duration warmup, final Duration measure) throws InterruptedException {
        final long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        final long start = System.nanoTime();
        final long measureFrom = start + warmup.toNanos();
        final long stopAt = measureFrom + measure.toNanos();
        final Latencies latencies = new Latencies(5_000_000);
        final AtomicLong failures = new AtomicLong();
        final AtomicLong outstanding = new AtomicLong();
        final String[] firstFailure = new String[1];
        for (long i = 0;; i++) {
            final long intended = start + i * interval;
            if (intended >= stopAt) {
                break;
            }
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            outstanding.incrementAndGet();
            client.sendAsync(bounded(requests.get()), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
                final long now = System.nanoTime();
                if (intended >= measureFrom) {
                    if (error == null && response.statusCode() == expectedStatus) {
                        latencies.record(now - intended);
                    } else {
                        failed(failures, firstFailure, error, response);
                    }
                }
                outstanding.decrementAndGet();
            });
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return new Result(name, latencies.count(), failures.get() + outstanding.get(), measure.toNanos() / 1e9, latencies,
                firstFailure[0]);
    }

    /** The same request with a 10 s timeout (a timed-out request counts as failed). */
    private static HttpRequest bounded(final HttpRequest request) {
        return HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofSeconds(10)).build();
    }

    private static void failed(final AtomicLong failures, final String[] firstFailure, final Throwable error,
            final HttpResponse<byte[]> response) {
        failures.incrementAndGet();
        synchronized (firstFailure) {
            if (firstFailure[0] == null) {
                firstFailure[0] = error != null ? error.toString()
                        : response.statusCode() + " " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }

    HttpClient client() {
        return client;
    }
}
