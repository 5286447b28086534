package io.custodia.gateway.consent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.chaincode.consent.DelegationRecord;
import io.custodia.chaincode.support.Fields;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.ledger.Callers;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.subjects.SubjectResolver;
import java.time.Clock;
import java.util.Optional;

/**
 * Resolves the person behind a patient or proxy token to the subject whose consents they act on.
 *
 * <p>A patient acts on their own subject reference. A proxy's token names the proxy; the request
 * names a delegation, which must be registered by the proxy's institution for exactly this proxy and
 * be in force now (ACTIVE, inside its validity) — anything else (missing, someone else's, ended or
 * expired delegation, a proxy unknown to the registry) is the same 404, so a proxy cannot probe which
 * delegations exist and an ended delegation reads nothing. Every proxy endpoint (consents, disclosures)
 * resolves through here. Whether the delegation's scope allows a write is then the chaincode's
 * decision, which also re-checks it at the transaction's time (DELEGATION_INVALID → 409).
 */
public final class ActingResolver {
    private final LedgerClient ledger;
    private final SubjectResolver subjects;
    private final Clock clock;

    public ActingResolver(final LedgerClient ledger, final SubjectResolver subjects, final Clock clock) {
        this.ledger = ledger;
        this.subjects = subjects;
        this.clock = clock;
    }

    /** Validates the {@code delegationId} parameter: required for proxies, refused for patients. */
    public static String checkDelegationParameter(final Principal principal, final String delegationId) {
        if (principal.role() == UserRole.PROXY) {
            if (delegationId == null) {
                throw ApiException.badRequest("delegationId", "is required for a proxy");
            }
            if (!Fields.ID.matcher(delegationId).matches()) {
                throw ApiException.badRequest("delegationId", "must be an identifier of 1 to 128 letters, digits and . _ : -");
            }
            return delegationId;
        }
        if (delegationId != null) {
            throw ApiException.badRequest("delegationId", "only a proxy acts under a delegation");
        }
        return null;
    }

    /**
     * For a grant: a patient is registered on first use (their subject reference must exist before
     * anything can be granted); a proxy must already be known (registering a delegation registers them).
     */
    Acting forGrant(final Principal principal, final String delegationId) throws LedgerException {
        if (principal.role() == UserRole.PATIENT) {
            return new Acting(subjects.self(principal), subjectActor());
        }
        return proxy(principal, delegationId);
    }

    /**
     * For reads and revocations: never registers anyone, so an unknown (or erased) patient simply has
     * no consents instead of being given a fresh pseudonym by a read.
     */
    public Optional<Acting> existing(final Principal principal, final String delegationId) throws LedgerException {
        if (principal.role() == UserRole.PATIENT) {
            return known(principal).map(ref -> new Acting(ref, subjectActor()));
        }
        return Optional.of(proxy(principal, delegationId));
    }

    private Acting proxy(final Principal principal, final String delegationId) throws LedgerException {
        final String proxyRef = known(principal).orElseThrow(ApiException::notFound);
        final byte[] payload;
        try {
            payload = ledger.evaluate(Callers.of(principal), "delegations:GetDelegation", delegationId);
        } catch (LedgerException.Rejected e) {
            if ("NOT_FOUND".equals(e.code()) || "NOT_OWNER".equals(e.code())) {
                throw ApiException.notFound();
            }
            throw e;
        }
        final DelegationRecord record = CanonicalJson.parse(payload, DelegationRecord.class);
        if (!proxyRef.equals(record.delegation().proxyRef()) || !principal.institution().equals(record.recordedBy())
                || !record.inForceAt(clock.instant())) {
            throw ApiException.notFound();
        }
        final ObjectNode actor = JsonNodeFactory.instance.objectNode();
        actor.put("kind", "PROXY");
        actor.put("proxyRef", proxyRef);
        actor.put("delegationId", delegationId);
        return new Acting(record.delegation().subjectRef(), actor);
    }

    private Optional<String> known(final Principal principal) {
        if (!SubjectResolver.PATIENT_ID.matcher(principal.subject()).matches()) {
            throw ApiException.unauthorized("the token's subject is not a usable person identifier");
        }
        return subjects.find(principal.institution(), principal.subject());
    }

    static ObjectNode subjectActor() {
        final ObjectNode actor = JsonNodeFactory.instance.objectNode();
        actor.put("kind", "SUBJECT");
        return actor;
    }
}
