package io.custodia.chaincode.consent;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.chaincode.support.Fields;

/** What a proxy may do for the subject: grant consents, revoke them, or both (at least one). */
public final class DelegationScope {
    private final boolean grant;
    private final boolean revoke;

    @JsonCreator
    public DelegationScope(final Boolean grant, final Boolean revoke) {
        Fields.required("grant", grant);
        Fields.required("revoke", revoke);
        if (!grant && !revoke) {
            throw new InvalidJsonException("grant", "a delegation must allow granting, revoking or both");
        }
        this.grant = grant;
        this.revoke = revoke;
    }

    public boolean grant() {
        return grant;
    }

    public boolean revoke() {
        return revoke;
    }
}
