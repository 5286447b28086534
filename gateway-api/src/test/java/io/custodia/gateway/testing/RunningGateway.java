package io.custodia.gateway.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.custodia.gateway.Gateway;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real gateway (embedded ledger, SQLite store, HTTP on a random loopback port) in a temporary
 * directory, for tests that drive the API over HTTP.
 */
public final class RunningGateway implements AutoCloseable {
    public static final String ISSUER = "custodia-test";
    public static final String AUDIENCE = "custodia-api";

    private final Path dataDir;
    private final Gateway gateway;

    private RunningGateway(final Path dataDir, final Gateway gateway) {
        this.dataDir = dataDir;
        this.gateway = gateway;
    }

    public static RunningGateway start() throws IOException {
        return start(Files.createTempDirectory("custodia-gw-"));
    }

    public static RunningGateway start(final Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** A gateway with extra settings, e.g. {@code CUSTODIA_LEDGER=fabric} and its connection file. */
    public static RunningGateway start(final Path dataDir, final Map<String, String> settings) {
        final Map<String, String> env = new java.util.HashMap<>(settings);
        env.put("CUSTODIA_DATA_DIR", dataDir.toString());
        env.put("CUSTODIA_PORT", "0");
        env.put("CUSTODIA_JWT_ISSUER", ISSUER);
        env.put("CUSTODIA_JWT_AUDIENCE", AUDIENCE);
        return new RunningGateway(dataDir, Gateway.start(GatewayConfig.load(env)));
    }

    public String baseUrl() {
        return gateway.baseUrl();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Gateway gateway() {
        return gateway;
    }

    /** A development token for the given caller. */
    public String token(final UserRole role, final String institution, final String subject) {
        return gateway.devTokens().orElseThrow().issue(new Principal(role, institution, subject), Duration.ofMinutes(30));
    }

    /** Signs arbitrary claims with the gateway's development key (for negative tests of claim checks). */
    public String signed(final JWTClaimsSet claims) throws Exception {
        final ECKey key = ECKey.parse(Files.readString(dataDir.resolve("keys/dev-jwt.json")));
        final SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    /**
     * Signs a raw claims payload with the gateway's development key, for claims a {@link JWTClaimsSet}
     * cannot express (a claim present with the value {@code null}).
     */
    public String signedPayload(final String claimsJson) throws Exception {
        final ECKey key = ECKey.parse(Files.readString(dataDir.resolve("keys/dev-jwt.json")));
        final com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), new com.nimbusds.jose.Payload(claimsJson));
        jws.sign(new ECDSASigner(key));
        return jws.serialize();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
