package io.custodia.gateway.auth;

import java.util.Optional;

/** Who a token speaks for. Institutions and auditors map to ledger roles; patients and proxies act through their institution. */
public enum UserRole {
    INSTITUTION("institution"),
    AUDITOR("auditor"),
    PATIENT("patient"),
    PROXY("proxy");

    private final String claim;

    UserRole(final String claim) {
        this.claim = claim;
    }

    /** Value of the {@code role} claim. */
    public String claim() {
        return claim;
    }

    public static Optional<UserRole> fromClaim(final String value) {
        for (final UserRole role : values()) {
            if (role.claim.equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
