package io.custodia.sdk.client;

import java.util.Objects;
import java.util.Optional;

/**
 * Answer of {@code DELETE /api/v1/consents/{id}}: the revoked consent and, when it was the subject's last
 * active consent, the erasure of their off-chain data.
 *
 * <pre>{@code
 * ConsentRevocation r = client.consents().revoke("c-1");
 * }</pre>
 *
 * @param consent the consent, now revoked
 * @param erasure the erasure, when one happened
 * @param erasureSkipped why nothing was erased, when other consents still cover the subject
 */
public record ConsentRevocation(ConsentRecord consent, Optional<ErasureSummary> erasure, Optional<ErasureSkipped> erasureSkipped) {
    public ConsentRevocation {
        Objects.requireNonNull(consent, "consent");
        erasure = erasure == null ? Optional.empty() : erasure;
        erasureSkipped = erasureSkipped == null ? Optional.empty() : erasureSkipped;
    }
}
