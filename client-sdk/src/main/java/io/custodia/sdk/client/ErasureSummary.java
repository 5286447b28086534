package io.custodia.sdk.client;

/**
 * The erasure a revocation triggered: the on-chain receipt and the hash of the destroyed pointer set.
 *
 * <pre>{@code
 * revocation.erasure().ifPresent(e -> System.out.println("erasure receipt " + e.receiptId()));
 * }</pre>
 *
 * @param receiptId erasure receipt on the ledger
 * @param destroyedPointerSetHash hash of what was destroyed off-chain
 */
public record ErasureSummary(String receiptId, String destroyedPointerSetHash) {}
