package io.custodia.gateway.access;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.Hashes;
import io.custodia.chaincode.support.Fields;
import io.custodia.gateway.http.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/access-requests}. The gateway checks presence and shape of every member
 * (so a bad request is refused before the ledger sees it); the chaincode checks the purpose's DUO
 * semantics and answers INVALID_ARGUMENT, which is a 400 as well.
 */
public record AccessRequestBody(
        @JsonProperty("requestId") String requestId,
        @JsonProperty("datasetId") String datasetId,
        @JsonProperty("purpose") JsonNode purpose,
        @JsonProperty("commercial") Boolean commercial,
        @JsonProperty("forProfit") Boolean forProfit,
        @JsonProperty("methodsDevelopment") Boolean methodsDevelopment,
        @JsonProperty("geneticStudy") Boolean geneticStudy,
        @JsonProperty("ethicsApprovalHash") String ethicsApprovalHash,
        @JsonProperty("task") String task) {

    /** Every invalid member at once, as a 400 naming each. */
    public void validate() {
        final List<ApiException.FieldError> errors = new ArrayList<>();
        if (requestId != null && !Fields.ID.matcher(requestId).matches()) {
            errors.add(new ApiException.FieldError("requestId", "must be an identifier of 1 to 128 letters, digits and . _ : -"));
        }
        if (datasetId == null || !Fields.ID.matcher(datasetId).matches()) {
            errors.add(new ApiException.FieldError("datasetId", "is required: an identifier of letters, digits and . _ : -"));
        }
        if (purpose == null || !purpose.isObject()) {
            errors.add(new ApiException.FieldError("purpose", "is required: {code, disease?}"));
        } else if (!purpose.path("code").isTextual()) {
            errors.add(new ApiException.FieldError("purpose.code", "is required: a DUO purpose code (GRU, HMB, DS, POA)"));
        }
        required(errors, "commercial", commercial);
        required(errors, "forProfit", forProfit);
        required(errors, "methodsDevelopment", methodsDevelopment);
        required(errors, "geneticStudy", geneticStudy);
        if (ethicsApprovalHash != null && !Hashes.isSha256Hex(ethicsApprovalHash)) {
            errors.add(new ApiException.FieldError("ethicsApprovalHash", "must be a SHA-256 of 64 lower-case hex digits"));
        }
        if (task != null && !Fields.TOKEN.matcher(task).matches()) {
            errors.add(new ApiException.FieldError("task", "must be a lower-case token such as segmentation:lung-nodule"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
    }

    /** The chaincode's {@code AccessRequest} with the request ID the gateway settled on. */
    public Map<String, Object> toChaincode(final String effectiveRequestId) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("requestId", effectiveRequestId);
        out.put("datasetId", datasetId);
        out.put("purpose", purpose);
        out.put("commercial", commercial);
        out.put("forProfit", forProfit);
        out.put("methodsDevelopment", methodsDevelopment);
        out.put("geneticStudy", geneticStudy);
        if (ethicsApprovalHash != null) {
            out.put("ethicsApprovalHash", ethicsApprovalHash);
        }
        if (task != null) {
            out.put("task", task);
        }
        return out;
    }

    private static void required(final List<ApiException.FieldError> errors, final String field, final Boolean value) {
        if (value == null) {
            errors.add(new ApiException.FieldError(field, "is required: true or false"));
        }
    }
}
