package io.custodia.gateway.subjects;

import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.config.GatewaySecrets;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.store.SubjectRegistry;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a person's identifier at an institution into their subject reference: the registry keeps
 * {@code HMAC(institutionPepper, patientId) → random salt}, and {@code subjectRef = HMAC(salt, patientId)}.
 * The identifier itself is never stored, logged or sent to the ledger.
 */
public final class SubjectResolver {
    /** What an institution's patient identifier may look like (MRNs, national IDs, e-mail logins). */
    public static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:/+-]{0,127}");

    private final SubjectRegistry registry;
    private final GatewaySecrets secrets;

    public SubjectResolver(final SubjectRegistry registry, final GatewaySecrets secrets) {
        this.registry = registry;
        this.secrets = secrets;
    }

    /** The subject reference of {@code patientId} at {@code institution}, registering the person on first use. */
    public String registerOrGet(final String institution, final String patientId) {
        return registry.registerOrGet(secrets.institutionPepper(institution), patientId).subjectRef();
    }

    /** The subject reference if the person is registered (and not erased). */
    public Optional<String> find(final String institution, final String patientId) {
        return registry.find(secrets.institutionPepper(institution), patientId).map(r -> r.subjectRef());
    }

    /** The caller's own subject reference (patients and proxies), registering them on first use. */
    public String self(final Principal principal) {
        if (principal.role() != UserRole.PATIENT && principal.role() != UserRole.PROXY) {
            throw ApiException.forbidden("only patients and proxies have a subject reference");
        }
        if (!PATIENT_ID.matcher(principal.subject()).matches()) {
            throw ApiException.unauthorized("the token's subject is not a usable person identifier");
        }
        return registerOrGet(principal.institution(), principal.subject());
    }

    /** Validates a patient identifier given in a request body. */
    public static String checkPatientId(final String field, final String value) {
        if (value == null || !PATIENT_ID.matcher(value).matches()) {
            throw ApiException.badRequest(field, "must be an identifier of 1 to 128 letters, digits and . _ @ : / + -");
        }
        return value;
    }
}
