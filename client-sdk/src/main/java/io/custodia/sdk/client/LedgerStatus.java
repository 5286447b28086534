package io.custodia.sdk.client;

/**
 * Answer of {@code GET /api/v1/ledger}.
 *
 * <pre>{@code
 * LedgerStatus s = client.ledger().status();
 * System.out.println(s.backend() + " height " + s.height() + " head " + s.headBlockHash());
 * }</pre>
 *
 * @param backend {@code embedded} or {@code fabric}
 * @param height number of blocks
 * @param headBlockHash hash of the last block
 * @param transactionCount transactions in all blocks
 */
public record LedgerStatus(String backend, long height, String headBlockHash, long transactionCount) {}
