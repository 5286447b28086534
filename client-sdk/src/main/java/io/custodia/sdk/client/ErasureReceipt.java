package io.custodia.sdk.client;

/**
 * An erasure receipt on the ledger.
 *
 * <pre>{@code
 * client.audit().erasures(subjectRef).forEach(r -> System.out.println(r.erasedAt() + " " + r.erasure().receiptId()));
 * }</pre>
 *
 * @param erasure what was destroyed
 * @param erasedAt ledger time
 * @param recordedBy institution whose gateway erased
 * @param txId transaction
 */
public record ErasureReceipt(Erasure erasure, String erasedAt, String recordedBy, String txId) {}
