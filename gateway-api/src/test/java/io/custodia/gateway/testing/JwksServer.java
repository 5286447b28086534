package io.custodia.gateway.testing;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An identity provider's JWKS endpoint on a random loopback port (JDK HTTP server), whose key set
 * and health a test changes while the gateway runs.
 */
public final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String body = new JWKSet().toString();
    private volatile int status = 200;

    private JwksServer(final HttpServer server) {
        this.server = server;
    }

    /** A server publishing the public halves of {@code keys}. */
    public static JwksServer start(final JWK... keys) throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        final JwksServer jwks = new JwksServer(server);
        jwks.publish(keys);
        server.createContext("/jwks.json", exchange -> {
            jwks.fetches.incrementAndGet();
            final byte[] bytes = jwks.body.getBytes(StandardCharsets.UTF_8);
            final int code = jwks.status;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, code == 200 ? bytes.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                if (code == 200) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        return jwks;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    }

    /** Replaces the published key set (public halves only, as an identity provider does). */
    public void publish(final JWK... keys) {
        body = new JWKSet(Arrays.stream(keys).map(JWK::toPublicJWK).toList()).toString();
        status = 200;
    }

    /** Answers every fetch with this HTTP status until {@link #publish} is called again. */
    public void fail(final int httpStatus) {
        status = httpStatus;
    }

    /** How many times the key set was requested. */
    public int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
