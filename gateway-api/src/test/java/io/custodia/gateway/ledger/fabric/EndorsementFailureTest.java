package io.custodia.gateway.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Classification of endorsement failures, on the Fabric Gateway's own words as a Fabric 2.5.12 peer sent
 * them with a node of the other institution stopped (docs/fabric.md, "When a node is down").
 */
class EndorsementFailureTest {
    private static final String COLLECT = "failed to collect enough transaction endorsements, see attached details for more info";

    @Test
    void an_unreachable_endorsing_peer_is_no_endorser_disagreement_and_names_its_institution() {
        final EndorsementFailure failure = EndorsementFailure.of(Status.Code.ABORTED, COLLECT, List.of(new EndorsementFailure.Endorser(
                "Org2MSP", "127.0.0.1:29051", "rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while "
                        + "dialing: dial tcp 127.0.0.1:29051: connect: connection refused\"")));

        assertThat(failure.staleEndorser()).isFalse();
        assertThat(failure.reason()).isEqualTo("the endorsing peer of Org2MSP cannot be reached");
        assertThat(failure.detail()).contains("127.0.0.1:29051").contains("connection refused");
    }

    @Test
    void an_unreachable_chaincode_server_is_told_apart_from_its_peer() {
        final EndorsementFailure failure = EndorsementFailure.of(Status.Code.ABORTED, COLLECT, List.of(new EndorsementFailure.Endorser(
                "Org2MSP", "127.0.0.1:29051", "error in simulation: failed to execute transaction 24ce: could not launch chaincode "
                        + "custodia_1.0:ba68: connection to custodia_1.0:ba68 failed: error cannot create connection for custodia_1.0:ba68: "
                        + "error creating grpc connection to 127.0.0.1:29060: connection refused")));

        assertThat(failure.staleEndorser()).isFalse();
        assertThat(failure.reason()).isEqualTo("the chaincode server of Org2MSP cannot be reached");
    }

    @Test
    void a_peer_that_discovery_already_dropped_leaves_the_policy_unsatisfiable() {
        final EndorsementFailure failure = EndorsementFailure.of(Status.Code.FAILED_PRECONDITION,
                "no combination of peers can be derived which satisfy the endorsement policy: no peer combination can satisfy the endorsement policy",
                List.of());

        assertThat(failure.staleEndorser()).isFalse();
        assertThat(failure.reason()).startsWith("the endorsement policy cannot be satisfied");
    }

    @Test
    void differing_results_from_reachable_endorsers_are_a_stale_endorser_worth_retrying() {
        final EndorsementFailure failure = EndorsementFailure.of(Status.Code.ABORTED, COLLECT, List.of(
                new EndorsementFailure.Endorser("Org2MSP", "127.0.0.1:29051", EndorsementFailure.PAYLOAD_MISMATCH)));

        assertThat(failure.staleEndorser()).isTrue();
    }

    @Test
    void a_mismatch_beside_an_unreachable_endorser_is_reported_as_the_outage() {
        final EndorsementFailure failure = EndorsementFailure.of(Status.Code.ABORTED, COLLECT, List.of(
                new EndorsementFailure.Endorser("Org2MSP", "127.0.0.1:29051", EndorsementFailure.PAYLOAD_MISMATCH),
                new EndorsementFailure.Endorser("Org3MSP", "127.0.0.1:11051", "rpc error: code = Unavailable desc = connection error")));

        assertThat(failure.staleEndorser()).isFalse();
        assertThat(failure.reason()).isEqualTo("the endorsing peer of Org3MSP cannot be reached");
    }

    @Test
    void an_unreachable_own_peer_and_a_timeout_say_so() {
        assertThat(EndorsementFailure.of(Status.Code.UNAVAILABLE, "io exception", List.of()).reason())
                .isEqualTo("this institution's peer cannot be reached");
        assertThat(EndorsementFailure.of(Status.Code.DEADLINE_EXCEEDED, "deadline exceeded", List.of()).reason())
                .startsWith("endorsement timed out");
    }
}
