package io.custodia.gateway.ledger.fabric;

import io.grpc.Status;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Why an endorsement failed when no chaincode refused it, read from the Fabric Gateway's status and its
 * per-endorser error details (peer {@code internal/pkg/gateway}: {@code endorse.go}, {@code apiutils.go},
 * {@code registry.go}). Either the endorsers disagreed ({@link #staleEndorser}: one peer has not committed a
 * block the other has; a fresh proposal agrees once it has) or a node the endorsement needs is unreachable,
 * which no retry within the request fixes. The {@link #reason} names roles and MSP IDs only, so it can go
 * to the API client; {@link #detail} keeps the gateway's own words (addresses, gRPC errors) for the log.
 * Neither holds chaincode arguments, so no personal data.
 *
 * @param staleEndorser every failing endorser returned a differing result; nothing was unreachable
 * @param reason the cause for the API client, e.g. "the endorsing peer of Org2MSP cannot be reached"
 * @param detail the gateway's status and details, for the log
 */
record EndorsementFailure(boolean staleEndorser, String reason, String detail) {
    static final String PAYLOAD_MISMATCH = "ProposalResponsePayloads do not match";

    EndorsementFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** One endorser's error as the Fabric Gateway reports it ({@code ErrorDetail}). */
    record Endorser(String mspId, String address, String message) {}

    static EndorsementFailure of(final Status.Code code, final String description, final List<Endorser> endorsers) {
        final String detail = describe(code, description, endorsers);
        if (code == Status.Code.DEADLINE_EXCEEDED) {
            return new EndorsementFailure(false, "endorsement timed out: an endorsing peer or its chaincode server did not answer in time", detail);
        }
        if (endorsers.isEmpty()) {
            return new EndorsementFailure(false, withoutDetails(code, description == null ? "" : description), detail);
        }
        final Set<String> causes = new LinkedHashSet<>();
        boolean mismatch = false;
        for (final Endorser endorser : endorsers) {
            if (endorser.message().contains(PAYLOAD_MISMATCH)) {
                mismatch = true;
            } else {
                causes.add(cause(endorser));
            }
        }
        if (causes.isEmpty() && mismatch) {
            return new EndorsementFailure(true, "the endorsing peers returned different results (one has not committed the latest block yet)", detail);
        }
        return new EndorsementFailure(false, String.join("; ", causes), detail);
    }

    private static String withoutDetails(final Status.Code code, final String description) {
        final String lower = description.toLowerCase(Locale.ROOT);
        if (lower.contains("failed to find any endorsing peers for org")) {
            // "failed to find any endorsing peers for org(s): Org2MSP": MSP IDs only.
            return "no endorsing peer of " + description.substring(description.lastIndexOf(':') + 1).trim()
                    + " is known to this institution's peer (service discovery)";
        }
        if (lower.contains("unavailability of peers") || lower.contains("satisfy the endorsement policy")) {
            // Discovery already knows a peer the policy needs is gone ("no combination of peers can be derived
            // which satisfy the endorsement policy", FAILED_PRECONDITION) or the registry found it unreachable.
            return "the endorsement policy cannot be satisfied: an institution's endorsing peer is unavailable";
        }
        if (lower.contains("no peers available")) {
            return "no peer is available to run the chaincode";
        }
        if (code == Status.Code.UNAVAILABLE) {
            return "this institution's peer cannot be reached";
        }
        return "endorsement failed (" + code + ")";
    }

    private static String cause(final Endorser endorser) {
        final String message = endorser.message().toLowerCase(Locale.ROOT);
        final String who = endorser.mspId() == null || endorser.mspId().isBlank() ? "an institution" : endorser.mspId();
        if (message.contains("chaincode") && (message.contains("connect") || message.contains("launch")
                || message.contains("stream terminated") || message.contains("dial"))) {
            return "the chaincode server of " + who + " cannot be reached";
        }
        if (message.contains("unavailable") || message.contains("connection") || message.contains("dial")
                || message.contains("transport") || message.contains("eof")) {
            return "the endorsing peer of " + who + " cannot be reached";
        }
        return "the endorsing peer of " + who + " failed to endorse";
    }

    private static String describe(final Status.Code code, final String description, final List<Endorser> endorsers) {
        final StringBuilder out = new StringBuilder().append(code);
        if (description != null) {
            out.append(" (").append(description).append(')');
        }
        endorsers.forEach(e -> out.append("; ").append(e.mspId()).append(' ').append(e.address()).append(": ").append(e.message()));
        return out.toString();
    }
}
