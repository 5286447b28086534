package io.custodia.gateway.auth;

import java.util.Objects;

/**
 * The authenticated caller: role, institution (MSP ID) and token subject. For patients and proxies
 * the subject is their identifier at the institution; it is never logged and reaches the ledger only
 * as a pseudonym derived through the subject registry.
 */
public record Principal(UserRole role, String institution, String subject) {
    public Principal {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(subject, "subject");
    }

    @Override
    public String toString() {
        // Deliberately omits the subject: principals end up in log lines.
        return role.claim() + "@" + institution;
    }
}
