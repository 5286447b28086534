package io.custodia.sdk.client;

/**
 * Why a revocation erased nothing: other active consents still cover the subject, so the data stays.
 *
 * <pre>{@code
 * revocation.erasureSkipped().ifPresent(s -> System.out.println(s.activeConsents() + " other consents still active"));
 * }</pre>
 *
 * @param reason e.g. {@code other-active-consents}
 * @param activeConsents how many consents still cover the subject
 */
public record ErasureSkipped(String reason, int activeConsents) {}
