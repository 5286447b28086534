package io.custodia.chaincode.consent;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.chaincode.support.Fields;

/**
 * The person granting or revoking a consent: the subject, or a proxy identified by a pseudonym and
 * the delegation that empowers them. Both are authenticated by the submitting institution's gateway.
 */
public final class Actor {
    private final ActorKind kind;
    private final String proxyRef;
    private final String delegationId;

    @JsonCreator
    public Actor(final ActorKind kind, final String proxyRef, final String delegationId) {
        this.kind = Fields.required("kind", kind);
        if (kind == ActorKind.PROXY) {
            this.proxyRef = Fields.subjectRef("proxyRef", proxyRef);
            this.delegationId = Fields.id("delegationId", delegationId);
        } else {
            if (proxyRef != null) {
                throw new InvalidJsonException("proxyRef", "only a PROXY has a proxyRef");
            }
            if (delegationId != null) {
                throw new InvalidJsonException("delegationId", "only a PROXY acts under a delegation");
            }
            this.proxyRef = null;
            this.delegationId = null;
        }
    }

    public static Actor subject() {
        return new Actor(ActorKind.SUBJECT, null, null);
    }

    public ActorKind kind() {
        return kind;
    }

    public boolean isProxy() {
        return kind == ActorKind.PROXY;
    }

    /** The proxy's pseudonym; {@code null} for the subject. */
    public String proxyRef() {
        return proxyRef;
    }

    /** The delegation the proxy acts under; {@code null} for the subject. */
    public String delegationId() {
        return delegationId;
    }
}
