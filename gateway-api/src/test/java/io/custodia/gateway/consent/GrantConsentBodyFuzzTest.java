package io.custodia.gateway.consent;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.consent.Consent;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.FuzzBodies;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Fuzzes the body of {@code POST /api/v1/consents} through the real parser and the checks
 * {@link ConsentHandlers#grant} makes before it resolves anyone or writes anything (delegation
 * parameter, document, the chaincode's own {@link Consent} class): every body is a valid grant or a
 * 400 with field errors. Regression inputs:
 * {@code src/test/resources/io/custodia/gateway/consent/GrantConsentBodyFuzzTestInputs}.
 */
class GrantConsentBodyFuzzTest {
    private static final Principal PATIENT = new Principal(UserRole.PATIENT, "Org1MSP", "mrn-fuzz");

    @FuzzTest(maxDuration = "10s")
    void any_grant_body_is_valid_or_a_bad_request(final byte[] input) throws Exception {
        FuzzBodies.acceptedOrBadRequest(new String(input, StandardCharsets.UTF_8), GrantRequest.class, body -> {
            // The same steps, in the same order, as ConsentHandlers.grant up to its first lookup.
            ActingResolver.checkDelegationParameter(PATIENT, body.delegationId());
            final Optional<byte[]> document = Documents.decode(body.document(), body.documentHash());
            final String consentId = body.consentId() != null ? body.consentId() : "consent-fuzz";
            CanonicalJson.parse(CanonicalJson.toString(body.toConsent(consentId, "0".repeat(64), ActingResolver.subjectActor(),
                    Documents.hash(document, body.documentHash()))), Consent.class);
        });
    }
}
