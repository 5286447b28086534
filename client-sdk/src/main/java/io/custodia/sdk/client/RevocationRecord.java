package io.custodia.sdk.client;

/**
 * Who revoked a consent and when.
 *
 * <pre>{@code
 * record.revocation().ifPresent(r -> System.out.println("revoked " + r.revokedAt()));
 * }</pre>
 *
 * @param by revoking actor
 * @param revokedAt ledger time
 * @param txId transaction
 * @param recordedBy institution whose gateway recorded it
 */
public record RevocationRecord(Actor by, String revokedAt, String txId, String recordedBy) {}
