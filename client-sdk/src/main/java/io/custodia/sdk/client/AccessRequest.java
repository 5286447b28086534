package io.custodia.sdk.client;

import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code POST /api/v1/access-requests}: a dataset, a DUO purpose and the facts the dataset's
 * use restrictions are checked against.
 *
 * <pre>{@code
 * AccessResult r = client.access().request(AccessRequest.of("ds-001", DuoTerm.of("HMB")));
 * }</pre>
 *
 * @param requestId ID (becomes the event ID); derived from the idempotency key when empty
 * @param datasetId dataset
 * @param purpose research purpose
 * @param commercial commercial use
 * @param forProfit by a for-profit organisation
 * @param methodsDevelopment methods development
 * @param geneticStudy genetic study
 * @param ethicsApprovalHash SHA-256 hex of the ethics approval
 * @param task the task the data will be used for (compared with the dataset's intended task)
 */
public record AccessRequest(Optional<String> requestId, String datasetId, DuoTerm purpose, boolean commercial,
        boolean forProfit, boolean methodsDevelopment, boolean geneticStudy, Optional<String> ethicsApprovalHash,
        Optional<String> task) {
    public AccessRequest {
        requestId = requestId == null ? Optional.empty() : requestId;
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(purpose, "purpose");
        ethicsApprovalHash = ethicsApprovalHash == null ? Optional.empty() : ethicsApprovalHash;
        task = task == null ? Optional.empty() : task;
    }

    /** Non-commercial, not-for-profit, no methods development, no genetic study, no approval or task. */
    public static AccessRequest of(final String datasetId, final DuoTerm purpose) {
        return new AccessRequest(Optional.empty(), datasetId, purpose, false, false, false, false, Optional.empty(),
                Optional.empty());
    }
}
