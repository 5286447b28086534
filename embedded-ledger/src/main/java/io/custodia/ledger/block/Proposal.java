package io.custodia.ledger.block;

import io.custodia.canonical.Hashes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A transaction proposal: who asks which chaincode function with which arguments, when.
 *
 * <p>The transaction ID is derived as on Fabric, {@code hex(SHA-256(nonce || creator))}, so it
 * cannot be chosen freely. {@link #signingBytes} is the exact byte string the creator signs; it is
 * length-prefixed and domain-tagged. Transient data is never part of it (it never reaches a block).
 *
 * @param channelId channel (ledger) name
 * @param chaincodeId chaincode name
 * @param txId transaction ID
 * @param timestamp proposal timestamp, what {@code getTxTimestamp()} returns
 * @param creator serialized identity ({@code msp.SerializedIdentity}) of the submitter
 * @param nonce random nonce
 * @param function function name as given ({@code contract:Tx} or {@code Tx})
 * @param args function arguments
 */
public record Proposal(
        String channelId,
        String chaincodeId,
        String txId,
        Instant timestamp,
        byte[] creator,
        byte[] nonce,
        String function,
        List<byte[]> args) {
    private static final String DOMAIN = "custodia.proposal.v1";

    public Proposal {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(chaincodeId, "chaincodeId");
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(function, "function");
        args = List.copyOf(args);
    }

    /** Fabric's transaction ID rule. */
    public static String computeTxId(final byte[] nonce, final byte[] creator) {
        final byte[] joined = new byte[nonce.length + creator.length];
        System.arraycopy(nonce, 0, joined, 0, nonce.length);
        System.arraycopy(creator, 0, joined, nonce.length, creator.length);
        return Hashes.sha256Hex(joined);
    }

    /** The bytes the creator signs. */
    public byte[] signingBytes() {
        final BinaryWriter out = new BinaryWriter(256 + creator.length);
        out.string(DOMAIN).string(channelId).string(chaincodeId).string(txId)
                .u64(timestamp.getEpochSecond()).u32(timestamp.getNano())
                .bytes(creator).bytes(nonce).string(function).u32(args.size());
        for (final byte[] arg : args) {
            out.bytes(arg);
        }
        return out.toByteArray();
    }

    /** The arguments as the shim sees them: function first, then parameters. */
    public List<byte[]> shimArgs() {
        final java.util.ArrayList<byte[]> all = new java.util.ArrayList<>(args.size() + 1);
        all.add(function.getBytes(StandardCharsets.UTF_8));
        all.addAll(args);
        return all;
    }
}
