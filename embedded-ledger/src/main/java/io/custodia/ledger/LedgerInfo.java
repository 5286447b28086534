package io.custodia.ledger;

/**
 * The ledger's head.
 *
 * @param height number of blocks (the next block number)
 * @param headBlockHash lower-case hex header hash of the last block
 * @param transactionCount transactions in all blocks, valid or not
 */
public record LedgerInfo(long height, String headBlockHash, long transactionCount) {}
