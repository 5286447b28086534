package io.custodia.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigFabricTest {
    @Test
    void requires_a_connection_file_in_fabric_mode() {
        assertThatThrownBy(() -> GatewayConfig.load(Map.of("CUSTODIA_LEDGER", "fabric")))
                .hasMessageContaining("CUSTODIA_FABRIC_CONNECTION must name");
    }

    @Test
    void reads_the_connection_file_and_per_call_deadlines() {
        final GatewayConfig config = GatewayConfig.load(Map.of(
                "CUSTODIA_LEDGER", "fabric",
                "CUSTODIA_FABRIC_CONNECTION", "/run/org1.json",
                "CUSTODIA_FABRIC_DEADLINE_EVALUATE", "750ms",
                "CUSTODIA_FABRIC_DEADLINE_COMMIT_STATUS", "60s"));

        assertThat(config.fabricConnection()).contains(Path.of("/run/org1.json"));
        assertThat(config.fabricDeadlines().evaluate()).isEqualTo(Duration.ofMillis(750));
        assertThat(config.fabricDeadlines().endorse()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.fabricDeadlines().commitStatus()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void refuses_a_deadline_that_is_not_a_positive_duration() {
        assertThatThrownBy(() -> GatewayConfig.load(Map.of("CUSTODIA_FABRIC_DEADLINE_SUBMIT", "5 minutes")))
                .hasMessageContaining("CUSTODIA_FABRIC_DEADLINE_SUBMIT must be a positive duration");
    }
}
