package io.custodia.ledger.block;

import java.util.Objects;

/**
 * What block 0 fixes for the whole ledger: the channel and chaincode names and the identity of the
 * node whose key signs every block. A verifier trusts this (or pins its fingerprint) and checks all
 * other blocks against it.
 *
 * @param channelId channel name
 * @param chaincodeId chaincode name
 * @param nodeIdentity serialized identity ({@code msp.SerializedIdentity}) of the block signer
 */
public record LedgerGenesis(String channelId, String chaincodeId, byte[] nodeIdentity) {
    private static final String DOMAIN = "custodia.genesis.v1";

    public LedgerGenesis {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(chaincodeId, "chaincodeId");
        Objects.requireNonNull(nodeIdentity, "nodeIdentity");
    }

    public byte[] encode() {
        return new BinaryWriter().string(DOMAIN).string(channelId).string(chaincodeId).bytes(nodeIdentity).toByteArray();
    }

    public static LedgerGenesis decode(final byte[] bytes) {
        final BinaryReader in = new BinaryReader(bytes);
        if (!DOMAIN.equals(in.string())) {
            throw new MalformedBlockException("block 0 does not hold a genesis configuration");
        }
        final LedgerGenesis genesis = new LedgerGenesis(in.string(), in.string(), in.bytes());
        in.requireEnd();
        return genesis;
    }
}
