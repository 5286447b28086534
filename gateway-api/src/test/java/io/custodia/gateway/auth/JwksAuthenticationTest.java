package io.custodia.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.custodia.gateway.config.GatewayConfig;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Production authentication: tokens from an identity provider, keys from its JWKS URL. */
class JwksAuthenticationTest {
    private static final String ENDPOINT = "/api/v1/ledger";

    private HttpServer provider;
    private final AtomicReference<String> keySet = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private ECKey k1;
    private ECKey k2;
    private RunningGateway gateway;
    private HttpClientSupport http;

    @BeforeEach
    void start_identity_provider() throws Exception {
        k1 = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        k2 = new ECKeyGenerator(Curve.P_256).keyID("k2").generate();
        keySet.set(new JWKSet(k1.toPublicJWK()).toString());
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            final String body = keySet.get();
            final byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 503 : 200, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        provider.start();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        provider.stop(0);
    }

    private void startGateway() throws IOException {
        gateway = RunningGateway.start(Files.createTempDirectory("custodia-jwks-"), Map.of(
                "CUSTODIA_JWKS_URL", jwksUrl(), "CUSTODIA_JWKS_CACHE_SECONDS", "1"));
        http = new HttpClientSupport(gateway.baseUrl());
    }

    private String jwksUrl() {
        return "http://127.0.0.1:" + provider.getAddress().getPort() + "/jwks.json";
    }

    private static JWTClaimsSet.Builder claims() {
        final Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(RunningGateway.ISSUER).audience(RunningGateway.AUDIENCE).subject("steward-1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("role", "institution").claim("institution", "Org1MSP");
    }

    private static String signed(final ECKey key, final JWTClaimsSet claims) throws Exception {
        final SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void accepts_a_token_signed_by_a_key_of_the_key_set_and_issues_no_development_tokens() throws Exception {
        startGateway();

        final Reply ok = http.get(ENDPOINT, signed(k1, claims().build()));
        final Reply devToken = http.post("/dev/tokens", null, "{\"role\":\"institution\",\"institution\":\"Org1MSP\",\"subject\":\"x\"}");

        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(gateway.gateway().devTokens()).isEmpty();
        assertThat(devToken.status()).isEqualTo(404);
    }

    @Test
    void refuses_tokens_that_fail_any_check_with_401() throws Exception {
        startGateway();
        final Instant past = Instant.now().minusSeconds(3600);
        final String good = signed(k1, claims().build());
        final String[] parts = good.split("\\.");
        final String tampered = parts[0] + "." + Base64URL.encode(claims().claim("institution", "Org2MSP").build().toString()) + "." + parts[2];
        final String none = Base64URL.encode("{\"alg\":\"none\"}") + "." + parts[1] + ".";
        final SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims().build());
        hmac.sign(new MACSigner(k1.toECPublicKey().getEncoded()));

        final Map<String, String> refused = Map.of(
                "wrong issuer", signed(k1, claims().issuer("another-idp").build()),
                "wrong audience", signed(k1, claims().audience("another-api").build()),
                "expired", signed(k1, claims().issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))).build()),
                "alg none", none,
                "HS256 keyed with the public key", hmac.serialize(),
                "key not in the key set", signed(k2, claims().build()),
                "tampered payload", tampered);

        for (final Map.Entry<String, String> token : refused.entrySet()) {
            final Reply reply = http.get(ENDPOINT, token.getValue());
            assertThat(reply.status()).as(token.getKey() + ": " + reply).isEqualTo(401);
            assertThat(reply.json().get("type").asText()).as(token.getKey()).isEqualTo("/problems/unauthenticated");
        }
    }

    @Test
    void follows_a_key_rotation_without_a_restart() throws Exception {
        startGateway();
        final String old = signed(k1, claims().build());
        assertThat(http.get(ENDPOINT, old).status()).isEqualTo(200);

        keySet.set(new JWKSet(k2.toPublicJWK()).toString());
        Thread.sleep(1_500);

        final Reply rotatedIn = http.get(ENDPOINT, signed(k2, claims().build()));
        final Reply cachedOld = http.get(ENDPOINT, old);
        final Reply freshOld = http.get(ENDPOINT, signed(k1, claims().subject("steward-2").build()));
        assertThat(rotatedIn.status()).as(rotatedIn.toString()).isEqualTo(200);
        assertThat(cachedOld.status()).as("a token verified before with the withdrawn key").isEqualTo(401);
        assertThat(freshOld.status()).as("a new token signed by the withdrawn key").isEqualTo(401);
    }

    @Test
    void answers_503_while_the_provider_keys_cannot_be_fetched_and_recovers() throws Exception {
        keySet.set(null);
        startGateway();
        final String token = signed(k1, claims().build());

        final Reply down = http.get(ENDPOINT, token);
        keySet.set(new JWKSet(k1.toPublicJWK()).toString());
        Thread.sleep(1_500);
        final Reply back = http.get(ENDPOINT, token);

        assertThat(down.status()).as(down.toString()).isEqualTo(503);
        assertThat(down.json().get("type").asText()).isEqualTo("/problems/keys-unavailable");
        assertThat(http.get("/health", null).status()).isEqualTo(200);
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(fetches.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void refuses_to_start_with_a_key_set_but_no_explicit_issuer_and_audience_or_over_plain_http() {
        assertThatThrownBy(() -> GatewayConfig.load(Map.of("CUSTODIA_JWKS_URL", jwksUrl())))
                .hasMessageContaining("CUSTODIA_JWT_ISSUER must be set when CUSTODIA_JWKS_URL is")
                .hasMessageContaining("CUSTODIA_JWT_AUDIENCE must be set when CUSTODIA_JWKS_URL is");
        assertThatThrownBy(() -> GatewayConfig.load(Map.of("CUSTODIA_JWKS_URL", "http://idp.example.org/jwks.json",
                "CUSTODIA_JWT_ISSUER", "idp", "CUSTODIA_JWT_AUDIENCE", "api")))
                .hasMessageContaining("CUSTODIA_JWKS_URL must be https");
        assertThat(GatewayConfig.load(Map.of("CUSTODIA_JWKS_URL", "https://idp.example.org/jwks.json",
                "CUSTODIA_JWT_ISSUER", "idp", "CUSTODIA_JWT_AUDIENCE", "api")).devTokens()).isFalse();
    }
}
