package io.custodia.sdk.client;

/**
 * Why and when a dataset was withdrawn.
 *
 * <pre>{@code
 * record.withdrawal().ifPresent(w -> System.out.println("withdrawn " + w.withdrawnAt() + ": " + w.reason()));
 * }</pre>
 *
 * @param reason reason token
 * @param withdrawnAt ledger time
 * @param txId withdrawing transaction
 */
public record Withdrawal(String reason, String withdrawnAt, String txId) {}
