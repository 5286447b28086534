package io.custodia.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigHttpLimitsTest {
    @Test
    void defaults_keep_one_caller_well_below_what_a_2_core_gateway_serves() {
        GatewayConfig config = GatewayConfig.load(Map.of());

        // docs/benchmarks.md: about 2,000 PERMITs and 3,600 DENYs a second at most; a burst is twice the rate.
        assertThat(config.rateLimitPerSecond()).isEqualTo(300);
        assertThat(2 * config.rateLimitPerSecond()).isLessThan(2_000);
        assertThat(config.anonymousRateLimitPerSecond()).isEqualTo(20).isLessThan(config.rateLimitPerSecond());
        assertThat(config.httpIdleTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void takes_each_limit_and_the_idle_timeout_from_its_variable() {
        GatewayConfig config = GatewayConfig.load(Map.of("CUSTODIA_RATE_LIMIT", "1000000",
                "CUSTODIA_RATE_LIMIT_ANONYMOUS", "5", "CUSTODIA_HTTP_IDLE_TIMEOUT", "750ms"));

        assertThat(config.rateLimitPerSecond()).isEqualTo(1_000_000);
        assertThat(config.anonymousRateLimitPerSecond()).isEqualTo(5);
        assertThat(config.httpIdleTimeout()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void refuses_unusable_values_and_names_the_variable() {
        for (String name : new String[] {"CUSTODIA_RATE_LIMIT", "CUSTODIA_RATE_LIMIT_ANONYMOUS"}) {
            for (String bad : new String[] {"0", "-3", "many", "1000000001"}) {
                assertThatThrownBy(() -> GatewayConfig.load(Map.of(name, bad)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(name);
            }
        }
        assertThatThrownBy(() -> GatewayConfig.load(Map.of("CUSTODIA_HTTP_IDLE_TIMEOUT", "forever")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CUSTODIA_HTTP_IDLE_TIMEOUT");
    }
}
