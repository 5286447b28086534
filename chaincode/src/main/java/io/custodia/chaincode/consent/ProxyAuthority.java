package io.custodia.chaincode.consent;

import io.custodia.chaincode.support.ErrorCode;
import java.time.Instant;

/**
 * Checks that an actor may act for a subject: the subject always may; a proxy only under a
 * delegation that exists, is ACTIVE, is valid at transaction time, names this proxy and this subject,
 * and whose scope allows the act. Every failure is {@link ErrorCode#DELEGATION_INVALID} — a missing
 * delegation included — so the answer does not reveal which delegations exist.
 */
final class ProxyAuthority {
    /** The act a proxy wants to perform. */
    enum Act {
        GRANT, REVOKE
    }

    private final ConsentRepository consents;

    ProxyAuthority(final ConsentRepository consents) {
        this.consents = consents;
    }

    void require(final Actor actor, final String subjectRef, final Act act, final Instant time) {
        if (!actor.isProxy()) {
            return;
        }
        final DelegationRecord record = consents.findDelegation(actor.delegationId())
                .orElseThrow(() -> invalid(actor, "does not exist"));
        final Delegation delegation = record.delegation();
        if (!delegation.proxyRef().equals(actor.proxyRef()) || !delegation.subjectRef().equals(subjectRef)) {
            throw invalid(actor, "is not for this proxy and subject");
        }
        if (record.status() != DelegationStatus.ACTIVE) {
            throw invalid(actor, "has ended");
        }
        if (!record.inForceAt(time)) {
            throw invalid(actor, "is not valid at " + time);
        }
        final boolean allowed = act == Act.GRANT ? delegation.scope().grant() : delegation.scope().revoke();
        if (!allowed) {
            throw invalid(actor, "does not allow the proxy to " + act.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static org.hyperledger.fabric.shim.ChaincodeException invalid(final Actor actor, final String why) {
        return ErrorCode.DELEGATION_INVALID.exception("delegation " + actor.delegationId() + " " + why);
    }
}
