package io.custodia.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.IdpTokens;
import io.custodia.gateway.testing.JwksServer;
import io.custodia.gateway.testing.RunningGateway;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The identity provider rotates its keys while the gateway runs. Keys are cached for one second here
 * (CUSTODIA_JWKS_CACHE_SECONDS=1), so "once the cache has refreshed" is a short wait.
 */
class JwksKeyRotationTest {
    private ECKey oldKey;
    private ECKey newKey;
    private JwksServer jwks;
    private RunningGateway gateway;
    private HttpClientSupport http;

    @BeforeEach
    void start() throws Exception {
        oldKey = new ECKeyGenerator(Curve.P_256).keyID("idp-2026-01").generate();
        newKey = new ECKeyGenerator(Curve.P_256).keyID("idp-2026-02").generate();
        jwks = JwksServer.start(oldKey);
        gateway = RunningGateway.start(Files.createTempDirectory("custodia-rotation-"),
                Map.of("CUSTODIA_JWKS_URL", jwks.url().toString(), "CUSTODIA_JWKS_CACHE_SECONDS", "1"));
        http = new HttpClientSupport(gateway.baseUrl());
    }

    @AfterEach
    void stop() {
        gateway.close();
        jwks.close();
    }

    @Test
    void accepts_token_signed_by_rotated_key_without_a_restart() throws Exception {
        assertThat(http.get("/api/v1/datasets", IdpTokens.institution(oldKey)).status()).isEqualTo(200);

        jwks.publish(newKey);
        int status = http.get("/api/v1/datasets", IdpTokens.institution(newKey)).status();

        assertThat(status).isEqualTo(200);
    }

    @Test
    void refuses_a_new_token_signed_by_the_removed_key() throws Exception {
        assertThat(http.get("/api/v1/datasets", IdpTokens.institution(oldKey)).status()).isEqualTo(200);
        jwks.publish(newKey);
        assertThat(http.get("/api/v1/datasets", IdpTokens.institution(newKey)).status()).isEqualTo(200);

        int status = http.get("/api/v1/datasets", IdpTokens.institution(oldKey)).status();

        assertThat(status).isEqualTo(401);
    }

    @Test
    void stops_trusting_an_already_verified_token_once_its_key_is_gone_and_the_cache_lifetime_passed() throws Exception {
        String seenBefore = IdpTokens.institution(oldKey);
        assertThat(http.get("/api/v1/datasets", seenBefore).status()).isEqualTo(200);
        jwks.publish(newKey);

        Thread.sleep(1_500); // longer than the one-second cache lifetime of keys and verified tokens
        int status = http.get("/api/v1/datasets", seenBefore).status();

        assertThat(status).isEqualTo(401);
    }
}
