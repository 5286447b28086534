package io.custodia.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.gateway.auth.UserRole;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BannerTokensTest {

    @Test
    void a_fabric_gateway_prints_only_callers_of_the_institution_it_serves() {
        final var tokens = BannerTokens.of(Optional.of("Org2MSP"));

        assertThat(tokens).extracting(BannerTokens.Entry::variable).containsExactly("ORG2_TOKEN", "ORG2_AUDITOR_TOKEN", "ORG2_PATIENT_TOKEN");
        assertThat(tokens).allSatisfy(t -> assertThat(t.principal().institution()).isEqualTo("Org2MSP"));
        assertThat(tokens).extracting(t -> t.principal().role()).containsExactly(UserRole.INSTITUTION, UserRole.AUDITOR, UserRole.PATIENT);
    }

    @Test
    void the_embedded_gateway_keeps_the_demo_cast_of_both_institutions() {
        assertThat(BannerTokens.of(Optional.empty())).extracting(BannerTokens.Entry::variable)
                .containsExactly("ORG1_TOKEN", "ORG2_TOKEN", "AUDITOR_TOKEN", "PATIENT_TOKEN");
    }

    @Test
    void names_variables_after_the_msp_id_as_a_shell_accepts_them() {
        assertThat(BannerTokens.prefix("Org1MSP")).isEqualTo("ORG1");
        assertThat(BannerTokens.prefix("hospital-a.example")).isEqualTo("HOSPITAL_A_EXAMPLE");
        assertThat(BannerTokens.prefix("3rdMSP")).isEqualTo("_3RD");
    }
}
