package io.custodia.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigPointerCacheTest {
    @Test
    void keeps_64_mib_of_pointers_by_default_and_takes_a_size_or_zero() {
        assertThat(GatewayConfig.load(Map.of()).pointerCacheBytes()).isEqualTo(64L << 20);
        assertThat(GatewayConfig.load(Map.of("CUSTODIA_POINTER_CACHE_MB", "256")).pointerCacheBytes()).isEqualTo(256L << 20);
        assertThat(GatewayConfig.load(Map.of("CUSTODIA_POINTER_CACHE_MB", "0")).pointerCacheBytes()).isZero();
    }

    @Test
    void refuses_a_negative_or_unreadable_size_and_names_the_variable() {
        for (final String bad : new String[] {"-1", "lots", "1048577"}) {
            assertThatThrownBy(() -> GatewayConfig.load(Map.of("CUSTODIA_POINTER_CACHE_MB", bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CUSTODIA_POINTER_CACHE_MB");
        }
    }
}
