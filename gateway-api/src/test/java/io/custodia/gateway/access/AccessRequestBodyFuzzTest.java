package io.custodia.gateway.access;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.custodia.canonical.CanonicalJson;
import io.custodia.gateway.testing.FuzzBodies;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the body of {@code POST /api/v1/access-requests} through the real parser and
 * {@link AccessRequestBody#validate} and its canonical encoding for the chaincode: every body is a
 * valid request or a 400 with field errors.
 * Regression inputs: {@code src/test/resources/io/custodia/gateway/access/AccessRequestBodyFuzzTestInputs}.
 */
class AccessRequestBodyFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void any_access_request_body_is_valid_or_a_bad_request(final byte[] input) throws Exception {
        FuzzBodies.acceptedOrBadRequest(new String(input, StandardCharsets.UTF_8), AccessRequestBody.class, body -> {
            body.validate();
            // What AccessService.request submits to the chaincode, before any ledger call.
            CanonicalJson.toString(body.toChaincode(body.requestId() != null ? body.requestId() : "req-fuzz"));
        });
    }
}
