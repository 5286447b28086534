package io.custodia.gateway.ledger.fabric;

import com.google.protobuf.InvalidProtocolBufferException;
import io.custodia.gateway.ledger.LedgerException;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.ProposedTransaction;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

/**
 * Turns a chaincode refusal seen through the Fabric Gateway into {@link LedgerException.Rejected} with
 * Custodia's error code.
 *
 * <p>Why this is not a one-liner: the Java shim answers a {@code ChaincodeException} with a proposal
 * response of status 500 whose <em>message</em> is the exception message and whose <em>payload</em> is
 * the error-code name. Fabric's gateway service (peer {@code internal/pkg/gateway}, {@code responseStatus})
 * keeps only {@code "chaincode response 500, " + message} in the {@link ErrorDetail} and drops the
 * payload, so {@code GatewayException.getDetails()} never carries the code. We therefore replay the
 * very same signed proposal (same transaction ID, same signature) on the gateway peer's own Endorser
 * service, over the same channel, and read the payload from its proposal response. A proposal is a
 * simulation: replaying it writes nothing, and the refused transaction was never ordered.
 */
final class ChaincodeRejections {
    /** What the peer's gateway service writes in front of a chaincode error message. */
    private static final Pattern CHAINCODE_RESPONSE = Pattern.compile("chaincode response (\\d{3}), (.*)", Pattern.DOTALL);
    /** Used when the replay no longer fails (state changed in between): the code is then unknown. */
    static final String UNKNOWN_CODE = "CHAINCODE_ERROR";

    private final Channel channel;
    private final Duration deadline;

    ChaincodeRejections(final Channel channel, final Duration deadline) {
        this.channel = channel;
        this.deadline = deadline;
    }

    /** The chaincode's own message, if the gateway error is a chaincode refusal (status ≥ 400) at all. */
    static Optional<String> chaincodeMessage(final GatewayException e) {
        for (final ErrorDetail detail : e.getDetails()) {
            final Matcher m = CHAINCODE_RESPONSE.matcher(detail.getMessage());
            if (m.find() && Integer.parseInt(m.group(1)) >= 400) {
                return Optional.of(m.group(2));
            }
        }
        final String description = e.getStatus().getDescription();
        if (description != null) {
            final Matcher m = CHAINCODE_RESPONSE.matcher(description);
            if (m.find() && Integer.parseInt(m.group(1)) >= 400) {
                return Optional.of(m.group(2));
            }
        }
        return Optional.empty();
    }

    /** The refusal with its error code, recovered by replaying the signed proposal on the local peer. */
    LedgerException.Rejected rejected(final Proposal proposal, final String message) {
        try {
            final ProposedTransaction proposed = ProposedTransaction.parseFrom(proposal.getBytes());
            final ProposalResponse response = EndorserGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .processProposal(proposed.getProposal());
            final int status = response.getResponse().getStatus();
            final String code = response.getResponse().getPayload().toString(StandardCharsets.UTF_8);
            if (status >= 400 && !code.isEmpty()) {
                final String replayMessage = response.getResponse().getMessage();
                return new LedgerException.Rejected(code, replayMessage.isEmpty() ? message : replayMessage);
            }
        } catch (InvalidProtocolBufferException | StatusRuntimeException e) {
            // The refusal itself is certain; only its code is lost. Fall through to the unknown code.
        }
        return new LedgerException.Rejected(UNKNOWN_CODE, message);
    }
}
