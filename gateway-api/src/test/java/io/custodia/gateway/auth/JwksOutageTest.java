package io.custodia.gateway.auth;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.IdpTokens;
import io.custodia.gateway.testing.JwksServer;
import io.custodia.gateway.testing.RunningGateway;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The identity provider's key endpoint is down: the gateway runs, and says so with 503 instead of 401. */
class JwksOutageTest {
    @Test
    void starts_and_answers_503_while_the_jwks_endpoint_is_unreachable() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("idp-1").generate();
        URI closed;
        try (JwksServer gone = JwksServer.start(key)) {
            closed = gone.url();
        }
        String token = IdpTokens.institution(key);

        try (RunningGateway gateway = RunningGateway.start(Files.createTempDirectory("custodia-outage-"),
                Map.of("CUSTODIA_JWKS_URL", closed.toString(), "CUSTODIA_JWKS_CACHE_SECONDS", "1"))) {
            HttpClientSupport http = new HttpClientSupport(gateway.baseUrl());
            Reply first = http.get("/api/v1/datasets", token);
            Reply write = http.post("/api/v1/datasets", token, json(ApiSamples.registration("ds-outage", List.of("ref-00000001"))));
            Reply third = http.get("/api/v1/datasets", token);
            Reply ready = http.get("/ready", null);

            for (Reply reply : List.of(first, write, third)) {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
                assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
                assertThat(reply.header("Retry-After")).matches("[1-9][0-9]*");
                assertThat(reply.json().get("type").asText()).isEqualTo("/problems/identity-provider-unavailable");
                assertThat(reply.json().get("title").asText()).isEqualTo("Identity provider keys unavailable");
            }
            assertThat(gateway.gateway().store().datasets().find("ds-outage")).isEmpty();
            assertThat(ready.status()).isEqualTo(200);
        }
    }

    @Test
    void recovers_without_a_restart_when_the_jwks_endpoint_comes_back() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("idp-1").generate();
        String token = IdpTokens.institution(key);
        try (JwksServer jwks = JwksServer.start(key);
                RunningGateway gateway = RunningGateway.start(Files.createTempDirectory("custodia-outage-"),
                        Map.of("CUSTODIA_JWKS_URL", jwks.url().toString(), "CUSTODIA_JWKS_CACHE_SECONDS", "1"))) {
            HttpClientSupport http = new HttpClientSupport(gateway.baseUrl());
            jwks.fail(500);
            assertThat(http.get("/api/v1/datasets", token).status()).isEqualTo(503);

            jwks.publish(key);
            int status = 0;
            for (int attempt = 0; attempt < 20 && status != 200; attempt++) {
                Thread.sleep(200); // re-fetches are rate-limited to two per half-second window here
                status = http.get("/api/v1/datasets", token).status();
            }

            assertThat(status).isEqualTo(200);
        }
    }
}
