package io.custodia.chaincode.consent;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.chaincode.support.Fields;

/**
 * A proxy delegation as registered: the proxy (pseudonym) may act for the subject (pseudonym) within
 * {@code scope} during {@code [validFrom, validUntil)}; the document proving it stays off-chain,
 * its hash is here.
 */
public final class Delegation {
    private final String delegationId;
    private final String subjectRef;
    private final String proxyRef;
    private final DelegationKind kind;
    private final DelegationScope scope;
    private final String validFrom;
    private final String validUntil;
    private final String documentHash;

    @JsonCreator
    public Delegation(
            final String delegationId,
            final String subjectRef,
            final String proxyRef,
            final DelegationKind kind,
            final DelegationScope scope,
            final String validFrom,
            final String validUntil,
            final String documentHash) {
        this.delegationId = Fields.id("delegationId", delegationId);
        this.subjectRef = Fields.subjectRef("subjectRef", subjectRef);
        this.proxyRef = Fields.subjectRef("proxyRef", proxyRef);
        if (proxyRef.equals(subjectRef)) {
            throw new InvalidJsonException("proxyRef", "a subject cannot be their own proxy");
        }
        this.kind = Fields.required("kind", kind);
        this.scope = Fields.required("scope", scope);
        this.validFrom = Validity.from(validFrom);
        this.validUntil = Validity.until(this.validFrom, validUntil);
        this.documentHash = Fields.sha256("documentHash", documentHash);
    }

    public String delegationId() {
        return delegationId;
    }

    public String subjectRef() {
        return subjectRef;
    }

    public String proxyRef() {
        return proxyRef;
    }

    public DelegationKind kind() {
        return kind;
    }

    public DelegationScope scope() {
        return scope;
    }

    public String validFrom() {
        return validFrom;
    }

    /** End of validity (exclusive), or {@code null} when open-ended. */
    public String validUntil() {
        return validUntil;
    }

    public String documentHash() {
        return documentHash;
    }
}
