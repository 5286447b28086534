package io.custodia.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigStoreLossTest {
    @Test
    void refuses_to_accept_store_loss_unless_told_to() {
        assertThat(GatewayConfig.load(Map.of()).acceptStoreLoss()).isFalse();
        assertThat(GatewayConfig.load(Map.of("CUSTODIA_ACCEPT_STORE_LOSS", "true")).acceptStoreLoss()).isTrue();
        assertThat(GatewayConfig.load(Map.of("CUSTODIA_ACCEPT_STORE_LOSS", "FALSE")).acceptStoreLoss()).isFalse();
    }

    @Test
    void a_value_that_is_not_true_or_false_is_refused_by_name() {
        assertThatThrownBy(() -> GatewayConfig.load(Map.of("CUSTODIA_ACCEPT_STORE_LOSS", "yes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CUSTODIA_ACCEPT_STORE_LOSS must be true or false");
    }
}
