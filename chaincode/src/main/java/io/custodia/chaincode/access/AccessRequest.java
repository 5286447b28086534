package io.custodia.chaincode.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.chaincode.duo.DuoPermission;
import io.custodia.chaincode.duo.DuoTerm;
import io.custodia.chaincode.support.Fields;

/**
 * A request for a dataset: what the research is (a DUO purpose: GRU, HMB, DS with its disease, or
 * POA), the requester's declarations that DUO modifiers test, an optional ethics-approval document
 * hash and an optional task token (compared with the dataset's intended task). The four
 * declarations are required so that every recorded decision rests on explicit statements.
 */
public final class AccessRequest {
    private final String requestId;
    private final String datasetId;
    private final DuoTerm purpose;
    private final boolean commercial;
    private final boolean forProfit;
    private final boolean methodsDevelopment;
    private final boolean geneticStudy;
    private final String ethicsApprovalHash;
    private final String task;

    @JsonCreator
    public AccessRequest(
            final String requestId,
            final String datasetId,
            final DuoTerm purpose,
            final Boolean commercial,
            final Boolean forProfit,
            final Boolean methodsDevelopment,
            final Boolean geneticStudy,
            final String ethicsApprovalHash,
            final String task) {
        this.requestId = Fields.id("requestId", requestId);
        this.datasetId = Fields.id("datasetId", datasetId);
        this.purpose = Fields.required("purpose", purpose);
        if (purpose.code() == DuoPermission.NRES) {
            // NRES describes data without restrictions; it says nothing about what the research is.
            throw new InvalidJsonException("purpose", "NRES is a use restriction, not a research purpose; use GRU, HMB, DS or POA");
        }
        this.commercial = Fields.required("commercial", commercial);
        this.forProfit = Fields.required("forProfit", forProfit);
        this.methodsDevelopment = Fields.required("methodsDevelopment", methodsDevelopment);
        this.geneticStudy = Fields.required("geneticStudy", geneticStudy);
        this.ethicsApprovalHash = ethicsApprovalHash == null ? null : Fields.sha256("ethicsApprovalHash", ethicsApprovalHash);
        this.task = task == null ? null : Fields.token("task", task);
    }

    public String requestId() {
        return requestId;
    }

    public String datasetId() {
        return datasetId;
    }

    public DuoTerm purpose() {
        return purpose;
    }

    public boolean commercial() {
        return commercial;
    }

    public boolean forProfit() {
        return forProfit;
    }

    public boolean methodsDevelopment() {
        return methodsDevelopment;
    }

    public boolean geneticStudy() {
        return geneticStudy;
    }

    /** SHA-256 of the ethics approval document, or {@code null}. */
    public String ethicsApprovalHash() {
        return ethicsApprovalHash;
    }

    /** The task the data is requested for, or {@code null}. */
    public String task() {
        return task;
    }
}
