package io.custodia.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {
    @Test
    void the_documented_defaults_are_the_ones_an_empty_environment_loads() {
        final Map<String, String> documented = GatewaySettings.ALL.stream()
                .collect(Collectors.toMap(GatewaySettings.Setting::name, GatewaySettings.Setting::defaultValue));
        final GatewayConfig config = GatewayConfig.load(Map.of());
        final Function<String, String> d = documented::get;

        assertThat(config.dataDir()).isEqualTo(Path.of(d.apply("CUSTODIA_DATA_DIR")).toAbsolutePath().normalize());
        assertThat(config.host()).isEqualTo(d.apply("CUSTODIA_HOST"));
        assertThat(config.port()).isEqualTo(Integer.parseInt(d.apply("CUSTODIA_PORT")));
        assertThat(config.ledger()).isEqualTo(d.apply("CUSTODIA_LEDGER"));
        assertThat(config.jwtIssuer()).isEqualTo(d.apply("CUSTODIA_JWT_ISSUER"));
        assertThat(config.jwtAudience()).isEqualTo(d.apply("CUSTODIA_JWT_AUDIENCE"));
        assertThat(config.jwksCacheTtl().toSeconds()).isEqualTo(Long.parseLong(d.apply("CUSTODIA_JWKS_CACHE_SECONDS")));
        assertThat(config.rateLimitPerSecond()).isEqualTo(Long.parseLong(d.apply("CUSTODIA_RATE_LIMIT")));
        assertThat(config.pointerCacheBytes()).isEqualTo(Long.parseLong(d.apply("CUSTODIA_POINTER_CACHE_MB")) << 20);
        assertThat(config.fabricDeadlines().evaluate().toSeconds() + "s").isEqualTo(d.apply("CUSTODIA_FABRIC_DEADLINE_EVALUATE"));
        assertThat(config.fabricDeadlines().endorse().toSeconds() + "s").isEqualTo(d.apply("CUSTODIA_FABRIC_DEADLINE_ENDORSE"));
        assertThat(config.fabricDeadlines().submit().toSeconds() + "s").isEqualTo(d.apply("CUSTODIA_FABRIC_DEADLINE_SUBMIT"));
        assertThat(config.fabricDeadlines().commitStatus().toSeconds() + "s").isEqualTo(d.apply("CUSTODIA_FABRIC_DEADLINE_COMMIT_STATUS"));
        assertThat(config.storeUrl()).isEmpty();
        assertThat(config.jwksUrl()).isEmpty();
        assertThat(config.fabricConnection()).isEmpty();
    }
}
