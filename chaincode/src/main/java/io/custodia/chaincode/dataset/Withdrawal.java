package io.custodia.chaincode.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.chaincode.support.Fields;

/** When and why a dataset was withdrawn (reason is a token such as {@code consent-withdrawn}). */
public final class Withdrawal {
    private final String reason;
    private final String withdrawnAt;
    private final String txId;

    @JsonCreator
    public Withdrawal(final String reason, final String withdrawnAt, final String txId) {
        this.reason = Fields.token("reason", reason);
        this.withdrawnAt = withdrawnAt;
        this.txId = txId;
    }

    public String reason() {
        return reason;
    }

    public String withdrawnAt() {
        return withdrawnAt;
    }

    public String txId() {
        return txId;
    }
}
