package io.custodia.chaincode.consent;

import io.custodia.chaincode.support.ErrorCode;
import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.Page;
import io.custodia.chaincode.support.State;
import io.custodia.chaincode.support.StateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.shim.ledger.KeyValue;

/**
 * Consents and delegations in world state. Other contracts read consents only through this.
 *
 * <p>Each consent is written under {@code CONSENT [consentId]} and, byte-identical, under
 * {@code CONSENT_BY_SUBJECT [subjectRef, consentId]}, so {@link #ofSubject(String)} is a single range
 * scan with no point reads (see the package documentation for why).
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

    public void save(final ConsentRecord record) {
        state.put(StateKey.of(KeyType.CONSENT, record.consentId()), record);
        state.put(StateKey.of(KeyType.CONSENT_BY_SUBJECT, record.consent().subjectRef(), record.consentId()), record);
    }

    /** Every consent of {@code subjectRef}, in consent-ID order: one range scan. */
    public List<ConsentRecord> ofSubject(final String subjectRef) {
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
