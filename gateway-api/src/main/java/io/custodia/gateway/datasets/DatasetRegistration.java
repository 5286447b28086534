package io.custodia.gateway.datasets;

import io.custodia.canonical.CanonicalJson;
import io.custodia.gateway.datasets.RegistrationCheck.ValidRegistration;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.ledger.Committed;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.store.DatasetPointer;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.store.SubjectItems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a dataset: pointers and salts go into the off-chain store first (encrypted per subject),
 * then the descriptor and subject pseudonyms are committed on-chain. If the ledger refuses or cannot
 * be reached, the off-chain rows are deleted again, so a failed request leaves nothing behind.
 */
final class DatasetRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetRegistration.class);

    private final LedgerClient ledger;
    private final OffChainStore store;

    DatasetRegistration(final LedgerClient ledger, final OffChainStore store) {
        this.ledger = ledger;
        this.store = store;
    }

    Committed register(final LedgerCaller caller, final ValidRegistration registration) throws LedgerException {
        final String datasetId = registration.descriptor().datasetId();
        storeOffChain(caller, registration);
        try {
            final String function = registration.descriptor().derivation() == null
                    ? "datasets:RegisterDataset"
                    : "datasets:RegisterDerivedDataset";
            final Committed committed = ledger.submit(caller, function,
                    CanonicalJson.toString(registration.descriptor()), CanonicalJson.toString(registration.subjectRefs()));
            LOG.info("dataset {} registered by {} in tx {}", datasetId, caller.mspId(), committed.txId());
            return committed;
        } catch (LedgerException | RuntimeException e) {
            undoOffChain(datasetId);
            throw e;
        }
    }

    private void storeOffChain(final LedgerCaller caller, final ValidRegistration registration) {
        final String datasetId = registration.descriptor().datasetId();
        store.inTransaction(tx -> {
            if (tx.datasets().find(datasetId).isPresent()) {
                // Pointers exist only for datasets this gateway registered: the ID is taken.
                throw ApiException.conflict("already-exists", "dataset " + datasetId + " already exists");
            }
            tx.datasets().put(new DatasetPointer(datasetId, registration.storageUri(), caller.mspId()));
            for (final SubjectItems items : registration.items()) {
                tx.items().put(items);
            }
            return null;
        });
    }

    private void undoOffChain(final String datasetId) {
        store.datasets().delete(datasetId);
    }
}
