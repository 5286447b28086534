package io.custodia.sdk.client;

/**
 * What a proxy may do for a patient.
 *
 * <pre>{@code
 * DelegationScope both = new DelegationScope(true, true);
 * }</pre>
 *
 * @param grant may grant consent
 * @param revoke may revoke consent
 */
public record DelegationScope(boolean grant, boolean revoke) {}
