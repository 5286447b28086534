package io.custodia.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigJwksTest {
    private static final Map<String, String> ISSUER_AND_AUDIENCE = Map.of(
            "CUSTODIA_JWT_ISSUER", "https://idp.hospital.example",
            "CUSTODIA_JWT_AUDIENCE", "custodia-api");

    @Test
    void refuses_a_jwks_url_without_issuer_and_audience_and_names_both() {
        Map<String, String> env = Map.of("CUSTODIA_JWKS_URL", "https://idp.hospital.example/jwks.json");

        assertThatThrownBy(() -> GatewayConfig.load(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CUSTODIA_JWKS_URL needs the expected token issuer and audience; set CUSTODIA_JWT_ISSUER and CUSTODIA_JWT_AUDIENCE");
    }

    @Test
    void refuses_a_jwks_url_without_an_audience_and_names_only_that() {
        Map<String, String> env = Map.of(
                "CUSTODIA_JWKS_URL", "https://idp.hospital.example/jwks.json",
                "CUSTODIA_JWT_ISSUER", "https://idp.hospital.example");

        assertThatThrownBy(() -> GatewayConfig.load(env))
                .hasMessageContaining("set CUSTODIA_JWT_AUDIENCE")
                .hasMessageNotContaining("CUSTODIA_JWT_ISSUER");
    }

    @Test
    void refuses_plain_http_to_another_host() {
        Map<String, String> env = with("CUSTODIA_JWKS_URL", "http://idp.hospital.example/jwks.json");

        assertThatThrownBy(() -> GatewayConfig.load(env))
                .hasMessageContaining("CUSTODIA_JWKS_URL must use https");
    }

    @Test
    void refuses_a_jwks_url_that_is_not_http_at_all() {
        Map<String, String> env = with("CUSTODIA_JWKS_URL", "file:///etc/jwks.json");

        assertThatThrownBy(() -> GatewayConfig.load(env))
                .hasMessageContaining("CUSTODIA_JWKS_URL must be an https URL");
    }

    @Test
    void accepts_https_and_turns_development_tokens_off() {
        GatewayConfig config = GatewayConfig.load(with("CUSTODIA_JWKS_URL", "https://idp.hospital.example/jwks.json"));

        assertThat(config.jwksUrl()).contains(URI.create("https://idp.hospital.example/jwks.json"));
        assertThat(config.devTokens()).isFalse();
        assertThat(config.jwksCacheTtl()).isEqualTo(GatewayConfig.DEFAULT_JWKS_CACHE_TTL);
    }

    @Test
    void accepts_plain_http_to_loopback_only() {
        for (String url : new String[] {"http://127.0.0.1:8081/jwks", "http://localhost/jwks", "http://[::1]:9000/jwks"}) {
            GatewayConfig config = GatewayConfig.load(with("CUSTODIA_JWKS_URL", url));

            assertThat(config.jwksUrl()).as(url).contains(URI.create(url));
        }
    }

    @Test
    void reads_the_key_cache_lifetime_and_refuses_nonsense() {
        Map<String, String> env = new java.util.HashMap<>(with("CUSTODIA_JWKS_URL", "https://idp.hospital.example/jwks.json"));
        env.put("CUSTODIA_JWKS_CACHE_SECONDS", "60");
        Map<String, String> zero = new java.util.HashMap<>(env);
        zero.put("CUSTODIA_JWKS_CACHE_SECONDS", "0");

        GatewayConfig config = GatewayConfig.load(env);

        assertThat(config.jwksCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> GatewayConfig.load(zero)).hasMessageContaining("CUSTODIA_JWKS_CACHE_SECONDS must be between 1 and 86400");
    }

    private static Map<String, String> with(final String name, final String value) {
        Map<String, String> env = new java.util.HashMap<>(ISSUER_AND_AUDIENCE);
        env.put(name, value);
        return env;
    }
}
