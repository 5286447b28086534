package io.custodia.chaincode.custody;

import io.custodia.canonical.Signatures;
import io.custodia.chaincode.support.KeyType;
import io.custodia.chaincode.support.Page;
import io.custodia.chaincode.support.State;
import io.custodia.chaincode.support.StateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Custody keys, hops and heads in world state. */
final class CustodyRepository {
    private final State state;

    CustodyRepository(final State state) {
        this.state = state;
    }

    Optional<CustodyKeyRecord> key(final String mspId, final String keyId) {
        return state.get(StateKey.of(KeyType.CUSTODY_KEY, mspId, keyId), CustodyKeyRecord.class);
    }

    void saveKey(final CustodyKeyRecord key) {
        state.put(StateKey.of(KeyType.CUSTODY_KEY, key.owner(), key.keyId()), key);
    }

    /** The stored head, if the dataset has hops. */
    Optional<CustodyHead> head(final String datasetId) {
        return state.get(StateKey.of(KeyType.CUSTODY_HEAD, datasetId), CustodyHead.class);
    }

    void saveHop(final CustodyHopRecord hop, final CustodyHead head) {
        state.put(hopKey(hop.hop().datasetId(), hop.hop().sequence()), hop);
        state.put(StateKey.of(KeyType.CUSTODY_HEAD, head.datasetId()), head);
    }

    /** Every hop of the dataset, in sequence order (fixed-width keys sort numerically). */
    List<CustodyHopRecord> allHops(final String datasetId) {
        return state.scan(hopsOf(datasetId)).stream()
                .map(kv -> State.decode(kv.getKey(), kv.getValue(), CustodyHopRecord.class))
                .collect(Collectors.toList());
    }

    Page<CustodyHopRecord> hops(final String datasetId, final int pageSize, final String bookmark) {
        final StateKey prefix = hopsOf(datasetId);
        return state.page(prefix, pageSize, bookmark)
                .map(kv -> State.decode(kv.getKey(), kv.getValue(), CustodyHopRecord.class));
    }

    /** The certificate of a stored key; stored keys were parsed on registration, so failure is a bug. */
    static X509Certificate certificate(final CustodyKeyRecord key) {
        try {
            return Signatures.parseCertificate(key.certificatePem());
        } catch (CertificateException e) {
            throw new IllegalStateException("stored custody key " + key.keyId() + " has an unreadable certificate", e);
        }
    }

    private static StateKey hopKey(final String datasetId, final long sequence) {
        return StateKey.of(KeyType.CUSTODY_HOP, datasetId, StateKey.fixedWidth(sequence));
    }

    private static StateKey hopsOf(final String datasetId) {
        return StateKey.of(KeyType.CUSTODY_HOP, datasetId);
    }
}
