package io.custodia.sdk.client;

import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code POST /dev/tokens} (embedded development mode only).
 *
 * <pre>{@code
 * DevToken t = client.devToken(new DevTokenRequest(Role.INSTITUTION, "Org1MSP", "alice", Optional.of(3600L)));
 * }</pre>
 *
 * @param role the token's role
 * @param institution MSP ID, e.g. {@code Org1MSP}
 * @param subject the caller's identifier (a patient's identifier at the institution for patients)
 * @param ttlSeconds lifetime; the gateway's default (1 h) when empty
 */
public record DevTokenRequest(Role role, String institution, String subject, Optional<Long> ttlSeconds) {
    public DevTokenRequest {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(subject, "subject");
        ttlSeconds = ttlSeconds == null ? Optional.empty() : ttlSeconds;
    }

    /** With the gateway's default lifetime. */
    public DevTokenRequest(final Role role, final String institution, final String subject) {
        this(role, institution, subject, Optional.empty());
    }

    @Override
    public String toString() {
        // The subject may be a patient identifier.
        return "DevTokenRequest[" + role.claim() + "@" + institution + "]";
    }
}
