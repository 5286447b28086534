package io.custodia.sdk.client;

import java.util.Optional;

/**
 * Who acted on a consent: the patient, or a proxy under a delegation (pseudonymous).
 *
 * <pre>{@code
 * if (record.consent().grantor().kind().equals("PROXY")) System.out.println(record.consent().grantor().delegationId());
 * }</pre>
 *
 * @param kind {@code SUBJECT} or {@code PROXY}
 * @param proxyRef proxy pseudonym
 * @param delegationId delegation used
 */
public record Actor(String kind, Optional<String> proxyRef, Optional<String> delegationId) {
    public Actor {
        proxyRef = proxyRef == null ? Optional.empty() : proxyRef;
        delegationId = delegationId == null ? Optional.empty() : delegationId;
    }
}
