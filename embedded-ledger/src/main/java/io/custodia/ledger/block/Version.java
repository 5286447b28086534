package io.custodia.ledger.block;

/**
 * Version of a key in the world state: the height (block, transaction) of the transaction that
 * last wrote it, as in Fabric.
 *
 * @param blockNumber block of the writing transaction
 * @param txIndex index of the writing transaction in its block
 */
public record Version(long blockNumber, int txIndex) {}
