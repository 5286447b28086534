package io.custodia.gateway.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.FuzzBodies;
import io.custodia.gateway.testing.HttpClientSupport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the body of {@code POST /api/v1/datasets} through the real parser and
 * {@link RegistrationCheck}: every body is a valid registration or a 400 with field errors. Regression
 * inputs: {@code src/test/resources/io/custodia/gateway/datasets/RegisterDatasetBodyFuzzTestInputs}.
 */
class RegisterDatasetBodyFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void any_registration_body_is_valid_or_a_bad_request(final byte[] input) throws Exception {
        FuzzBodies.acceptedOrBadRequest(new String(input, StandardCharsets.UTF_8), RegisterDatasetRequest.class,
                RegistrationCheck::validate);
    }

    @Test
    void the_sample_registration_is_accepted_so_the_fuzzer_starts_from_a_valid_body() throws Exception {
        final String body = HttpClientSupport.json(ApiSamples.registration("ds-fuzz", List.of("a".repeat(64))));

        assertThat(FuzzBodies.acceptedOrBadRequest(body, RegisterDatasetRequest.class, RegistrationCheck::validate)).isTrue();
    }
}
