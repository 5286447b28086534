package io.custodia.gateway.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.custodia.gateway.ledger.LedgerClient.TransactionStatus;
import io.grpc.Status;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

/** Block, position and code of a Fabric transaction from {@code qscc GetBlockByTxID}, with a fake qscc. */
class TransactionLocatorTest {
    private final List<String> calls = new ArrayList<>();

    private static ByteString envelope(final String txId) {
        final ChannelHeader channelHeader = ChannelHeader.newBuilder().setTxId(txId).setChannelId("custodia").build();
        final Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(channelHeader.toByteString())).build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build().toByteString();
    }

    /** Block 7 with tx-a VALID at 0, tx-b MVCC_READ_CONFLICT at 1, and tx-a again (a duplicate) at 2. */
    private static Block block() {
        final byte[] filter = {(byte) TxValidationCode.VALID_VALUE, (byte) TxValidationCode.MVCC_READ_CONFLICT_VALUE,
            (byte) TxValidationCode.DUPLICATE_TXID_VALUE};
        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder().setNumber(7))
                .setData(BlockData.newBuilder().addData(envelope("tx-a")).addData(envelope("tx-b")).addData(envelope("tx-a")))
                .setMetadata(BlockMetadata.newBuilder().addMetadata(ByteString.EMPTY).addMetadata(ByteString.EMPTY)
                        .addMetadata(ByteString.copyFrom(filter)))
                .build();
    }

    private Contract qscc() {
        return (Contract) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Contract.class}, (proxy, method, args) -> {
            final Object[] arguments = (Object[]) args[1];
            final String txId = (String) arguments[1];
            calls.add(args[0] + " " + arguments[0] + " " + txId);
            if (txId.startsWith("tx-")) {
                return block().toByteArray();
            }
            throw new GatewayException(Status.UNKNOWN.withDescription("evaluate call to endorser returned error: chaincode response 500,"
                    + " Failed to get block for txID \"" + txId + "\": no such transaction ID [" + txId + "] in index").asRuntimeException());
        });
    }

    @Test
    void block_position_and_code_come_from_the_block_and_one_call_answers_every_transaction_of_it() throws Exception {
        final TransactionLocator locator = new TransactionLocator(qscc(), "custodia");

        final Map<String, TransactionStatus> found = locator.locate(List.of("tx-a", "tx-b", "unknown"));

        assertThat(found).containsOnlyKeys("tx-a", "tx-b");
        assertThat(found.get("tx-a")).isEqualTo(new TransactionStatus("tx-a", "VALID", "VALID", 7, 0));
        assertThat(found.get("tx-b")).isEqualTo(new TransactionStatus("tx-b", "INVALID", "MVCC_READ_CONFLICT", 7, 1));
        assertThat(calls).containsExactly("GetBlockByTxID custodia tx-a", "GetBlockByTxID custodia unknown");
        assertThat(locator.locate(List.of("tx-b"))).containsKey("tx-b");
        assertThat(calls).hasSize(2);
    }
}
