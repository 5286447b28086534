package io.custodia.gateway.ledger.fabric;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.custodia.gateway.ledger.LedgerClient.TransactionStatus;
import io.custodia.gateway.ledger.LedgerException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A transaction's block, position and validation code on Fabric, from {@code qscc GetBlockByTxID}
 * evaluated on the gateway's peer: the position is the envelope's index in the block's data, the
 * code that index of the block's {@code TRANSACTIONS_FILTER} metadata.
 *
 * <p>Final statuses never change, so every transaction of a fetched block is cached: a trail page's
 * events mostly share a few blocks, and one qscc call then answers all of them.
 */
final class TransactionLocator {
    private static final int CACHED_TRANSACTIONS = 200_000;

    private final Contract qscc;
    private final String channel;
    private final Cache<String, TransactionStatus> cache = Caffeine.newBuilder().maximumSize(CACHED_TRANSACTIONS).build();

    TransactionLocator(final Contract qscc, final String channel) {
        this.qscc = qscc;
        this.channel = channel;
    }

    Map<String, TransactionStatus> locate(final Collection<String> txIds) throws LedgerException {
        final Map<String, TransactionStatus> out = new HashMap<>();
        for (final String txId : txIds) {
            TransactionStatus status = cache.getIfPresent(txId);
            if (status == null) {
                final Block block = blockOf(txId);
                if (block == null) {
                    continue;
                }
                cacheAll(block);
                status = cache.getIfPresent(txId);
            }
            if (status != null) {
                out.put(txId, status);
            }
        }
        return out;
    }

    /** The block holding {@code txId}, or null when the peer's index has no such transaction. */
    private Block blockOf(final String txId) throws LedgerException {
        try {
            return Block.parseFrom(qscc.evaluateTransaction("GetBlockByTxID", channel, txId));
        } catch (GatewayException e) {
            if (unknownTransaction(e)) {
                return null;
            }
            throw new LedgerException.Unavailable("qscc GetBlockByTxID failed: " + e.getStatus().getCode(), e);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException.Unavailable("qscc GetBlockByTxID returned an unreadable block", e);
        }
    }

    /** The peer answers an unknown ID with an error naming it ("no such transaction ID ... in index"). */
    private static boolean unknownTransaction(final GatewayException e) {
        final StringBuilder text = new StringBuilder(String.valueOf(e.getStatus().getDescription()));
        e.getDetails().forEach(d -> text.append(' ').append(d.getMessage()));
        return text.toString().toLowerCase(Locale.ROOT).contains("no such transaction");
    }

    private void cacheAll(final Block block) throws LedgerException {
        final long number = block.getHeader().getNumber();
        final ByteString filter = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                : ByteString.EMPTY;
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            final String txId;
            try {
                final Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(i)).getPayload());
                txId = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
            } catch (InvalidProtocolBufferException e) {
                throw new LedgerException.Unavailable("block " + number + " holds an unreadable envelope at " + i, e);
            }
            if (txId.isEmpty()) {
                continue;
            }
            final TxValidationCode code = i < filter.size() ? TxValidationCode.forNumber(filter.byteAt(i) & 0xff) : null;
            final String name = code == null ? "NOT_VALIDATED" : code.name();
            // A duplicate ID later in the block must not hide where the original is.
            cache.asMap().putIfAbsent(txId, TransactionStatus.of(txId, name, number, i));
        }
    }
}
