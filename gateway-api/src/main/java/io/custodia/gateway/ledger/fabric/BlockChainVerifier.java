package io.custodia.gateway.ledger.fabric;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.custodia.gateway.ledger.LedgerClient.LedgerVerification;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.ledger.VerificationAnchor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockchainInfo;

/**
 * Whole-ledger verification in fabric mode: fetches every block from the gateway peer with
 * {@code qscc GetBlockByNumber} and checks, for each, the block number, that the data hash covers the
 * block's transactions (SHA-256 over the concatenated envelopes, Fabric's {@code BlockDataHash}), that
 * the previous-hash field equals the hash of the previous header (SHA-256 of the DER sequence
 * {number, previousHash, dataHash}, Fabric's {@code BlockHeaderHash}), and that the last header hashes to
 * the head the peer reports. Given an anchor from an earlier run, the anchor block must still have the
 * anchored header hash: a peer serving a rewritten history is caught even if the rewrite is consistent.
 *
 * <p>What this does not do, by decision: re-validate endorsements, MVCC and orderer signatures. On
 * Fabric every peer already validates each block before committing it, and each institution runs its
 * own peer; this check answers the auditor's question "is the chain my institution's peer serves
 * internally consistent and unbroken", not "did the peer validate correctly".
 */
final class BlockChainVerifier {
    private final Contract qscc;
    private final String channel;

    BlockChainVerifier(final Contract qscc, final String channel) {
        this.qscc = qscc;
        this.channel = channel;
    }

    LedgerVerification verify(final BlockchainInfo info, final Optional<VerificationAnchor> anchor) throws LedgerException {
        if (anchor.isPresent() && anchor.get().block() >= info.getHeight()) {
            return bad(info.getHeight(), 0, "the ledger ends at block " + (info.getHeight() - 1) + ", before the trusted anchor block "
                    + anchor.get().block());
        }
        byte[] previousHeaderHash = new byte[0];
        long transactions = 0;
        for (long number = 0; number < info.getHeight(); number++) {
            final Block block = block(number);
            final BlockHeader header = block.getHeader();
            if (header.getNumber() != number) {
                return bad(number, transactions, "block " + number + " carries number " + header.getNumber());
            }
            final byte[] dataHash = dataHash(block);
            if (!Arrays.equals(dataHash, header.getDataHash().toByteArray())) {
                return bad(number, transactions, "data hash mismatch: computed " + hex(dataHash)
                        + ", header says " + hex(header.getDataHash().toByteArray()));
            }
            if (number > 0 && !Arrays.equals(previousHeaderHash, header.getPreviousHash().toByteArray())) {
                return bad(number, transactions, "previous hash mismatch: computed " + hex(previousHeaderHash)
                        + ", header says " + hex(header.getPreviousHash().toByteArray()));
            }
            previousHeaderHash = headerHash(header);
            if (anchor.isPresent() && anchor.get().block() == number && !hex(previousHeaderHash).equals(anchor.get().headerHash())) {
                return bad(number, transactions, "header hash " + hex(previousHeaderHash) + " is not the trusted anchor's "
                        + anchor.get().headerHash() + ": this block or an earlier one was rewritten since the anchor was taken");
            }
            transactions += block.getData().getDataCount();
        }
        if (info.getHeight() > 0 && !Arrays.equals(previousHeaderHash, info.getCurrentBlockHash().toByteArray())) {
            return bad(info.getHeight() - 1, transactions, "head hash mismatch: computed " + hex(previousHeaderHash)
                    + ", peer reports " + hex(info.getCurrentBlockHash().toByteArray()));
        }
        return new LedgerVerification(true, info.getHeight(), transactions, null,
                info.getHeight() == 0 ? null : new VerificationAnchor(info.getHeight() - 1, hex(previousHeaderHash)), null, null);
    }

    private Block block(final long number) throws LedgerException {
        try {
            return Block.parseFrom(qscc.evaluateTransaction("GetBlockByNumber", channel, Long.toString(number)));
        } catch (GatewayException e) {
            throw new LedgerException.Unavailable("qscc GetBlockByNumber " + number + " failed: " + e.getStatus().getCode(), e);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException.Unavailable("block " + number + " is not a readable block", e);
        }
    }

    static byte[] dataHash(final Block block) {
        final MessageDigest sha256 = sha256();
        for (final ByteString envelope : block.getData().getDataList()) {
            sha256.update(envelope.toByteArray());
        }
        return sha256.digest();
    }

    static byte[] headerHash(final BlockHeader header) {
        final ASN1EncodableVector fields = new ASN1EncodableVector();
        fields.add(new ASN1Integer(header.getNumber()));
        fields.add(new DEROctetString(header.getPreviousHash().toByteArray()));
        fields.add(new DEROctetString(header.getDataHash().toByteArray()));
        try {
            return sha256().digest(new DERSequence(fields).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LedgerVerification bad(final long block, final long transactions, final String reason) {
        return new LedgerVerification(false, block, transactions, null, null, block, reason);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String hex(final byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
