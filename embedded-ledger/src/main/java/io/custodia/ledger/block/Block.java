package io.custodia.ledger.block;

import io.custodia.canonical.Hashes;
import java.util.List;
import java.util.Objects;

/**
 * A block: header (number, previous header hash, data hash, timestamp, transaction count), data
 * (creator table, transactions, and for block 0 the genesis configuration) and the node's signature
 * over the header hash.
 *
 * @param number block number, from 0
 * @param previousHash header hash of the previous block (32 zero bytes for block 0)
 * @param dataHash hash of the encoded data section
 * @param timestampMillis when the block was cut (ledger node clock)
 * @param creators distinct serialized identities of the block's transactions (each stored once)
 * @param transactions the transactions, in commit order
 * @param config genesis configuration for block 0, empty otherwise
 * @param nodeSignature ECDSA signature by the node key over {@link #headerHash()}
 */
public record Block(
        long number,
        byte[] previousHash,
        byte[] dataHash,
        long timestampMillis,
        List<byte[]> creators,
        List<TransactionRecord> transactions,
        byte[] config,
        byte[] nodeSignature) {
    private static final String HEADER_DOMAIN = "custodia.block.header.v1";

    public Block {
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(dataHash, "dataHash");
        creators = List.copyOf(creators);
        transactions = List.copyOf(transactions);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(nodeSignature, "nodeSignature");
    }

    /** The hash that links blocks and that the node signs: length-prefixed and domain-tagged. */
    public byte[] headerHash() {
        return headerHash(number, transactions.size(), previousHash, dataHash, timestampMillis);
    }

    static byte[] headerHash(final long number, final int txCount, final byte[] previousHash, final byte[] dataHash,
            final long timestampMillis) {
        return Hashes.tagged(
                HEADER_DOMAIN,
                new BinaryWriter(8).u64(number).toByteArray(),
                new BinaryWriter(4).u32(txCount).toByteArray(),
                previousHash,
                dataHash,
                new BinaryWriter(8).u64(timestampMillis).toByteArray());
    }
}
