package io.custodia.chaincode.consent;

import io.custodia.chaincode.support.ErrorCode;
import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.Page;
import io.custodia.chaincode.support.State;
import io.custodia.chaincode.support.StateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.shim.ledger.KeyValue;

/**
 * Consents and delegations in world state. Other contracts read consents only through this.
 *
 * <p>Each consent is written under {@code CONSENT [consentId]}, byte-identical under
 * {@code CONSENT_BY_SUBJECT [subjectRef, consentId]} for listing a subject's consents, and, while it
 * is ACTIVE, inside the subject's {@code ACTIVE_CONSENTS [subjectRef]}, which access decisions read
 * (see the package documentation for why).
 */
public final class ConsentRepository {
    private final State state;

    public ConsentRepository(final State state) {
        this.state = state;
    }

    public Optional<ConsentRecord> find(final String consentId) {
        return state.get(StateKey.of(KeyType.CONSENT, consentId), ConsentRecord.class);
    }

    /** The consent, or {@link ErrorCode#NOT_FOUND}. */
    public ConsentRecord require(final String consentId) {
        return find(consentId).orElseThrow(() -> ErrorCode.NOT_FOUND.exception("consent " + consentId + " does not exist"));
    }

    public boolean exists(final String consentId) {
        return state.exists(StateKey.of(KeyType.CONSENT, consentId));
    }

    /**
     * Writes a granted or revoked consent, and the subject's active set with it: the record replaces
     * its earlier copy, leaves the set if no longer ACTIVE, and consents whose validity ended by
     * {@code time} (transaction time) are dropped, so the set stays as small as what can still
     * release data.
     */
    public void save(final ConsentRecord record, final Instant time) {
        final String subjectRef = record.consent().subjectRef();
        final List<ConsentRecord> active = new ArrayList<>();
        for (final ConsentRecord other : decidingConsents(subjectRef)) {
            if (other.status() == ConsentStatus.ACTIVE && !other.consentId().equals(record.consentId())
                    && !Validity.endedBy(other.consent().validUntil(), time)) {
                active.add(other);
            }
        }
        if (record.status() == ConsentStatus.ACTIVE) {
            active.add(record);
        }
        active.sort(Comparator.comparing(ConsentRecord::consentId));
        state.put(StateKey.of(KeyType.CONSENT, record.consentId()), record);
        state.put(StateKey.of(KeyType.CONSENT_BY_SUBJECT, subjectRef, record.consentId()), record);
        state.put(StateKey.of(KeyType.ACTIVE_CONSENTS, subjectRef), new ActiveConsents(active));
    }

    /**
     * The consents that can decide an access for {@code subjectRef}: its active set, one point read.
     *
     * <p>A subject without that key has no consent written since the set was introduced: never
     * consented, or consented in a ledger written before it. For both, every consent of the subject
     * is read with a range scan of {@code CONSENT_BY_SUBJECT}, so older ledgers decide exactly as
     * before and need no migration; the subject's next grant or revocation writes its set. The
     * caller still checks each consent's status and validity, as the set may hold consents that have
     * ended since it was written.
     */
    public List<ConsentRecord> decidingConsents(final String subjectRef) {
        final Optional<ActiveConsents> active = state.getImmutable(StateKey.of(KeyType.ACTIVE_CONSENTS, subjectRef), ActiveConsents.class);
        if (active.isPresent()) {
            return active.get().consents();
        }
        final List<ConsentRecord> out = new ArrayList<>();
        for (final KeyValue kv : state.scan(StateKey.of(KeyType.CONSENT_BY_SUBJECT, subjectRef))) {
            out.add(State.decode(kv.getKey(), kv.getValue(), ConsentRecord.class));
        }
        return out;
    }

    /** One page of the subject's consents, in consent-ID order. */
    public Page<ConsentRecord> pageOfSubject(final String subjectRef, final int pageSize, final String bookmark) {
        return state.page(StateKey.of(KeyType.CONSENT_BY_SUBJECT, subjectRef), pageSize, bookmark)
                .map(kv -> State.decode(kv.getKey(), kv.getValue(), ConsentRecord.class));
    }

    public Optional<DelegationRecord> findDelegation(final String delegationId) {
        return state.get(StateKey.of(KeyType.DELEGATION, delegationId), DelegationRecord.class);
    }

    /** The delegation, or {@link ErrorCode#NOT_FOUND}. */
    public DelegationRecord requireDelegation(final String delegationId) {
        return findDelegation(delegationId)
                .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("delegation " + delegationId + " does not exist"));
    }

    public boolean delegationExists(final String delegationId) {
        return state.exists(StateKey.of(KeyType.DELEGATION, delegationId));
    }

    public void saveDelegation(final DelegationRecord record) {
        state.put(StateKey.of(KeyType.DELEGATION, record.delegationId()), record);
    }
}
