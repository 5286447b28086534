package io.custodia.gateway.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.LedgerJson;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.outbox.OutboxRunner;
import io.custodia.gateway.outbox.OutboxStepFailure;
import io.custodia.gateway.store.ConsentDocument;
import io.custodia.gateway.store.OffChainStore;
import java.util.Optional;

/** Grants and revocations against the ledger and the off-chain store, driven by the outbox where they have several steps. */
final class ConsentService {
    private final LedgerClient ledger;
    private final OffChainStore store;
    private final OutboxRunner outbox;

    ConsentService(final LedgerClient ledger, final OffChainStore store, final OutboxRunner outbox) {
        this.ledger = ledger;
        this.store = store;
        this.outbox = outbox;
    }

    /**
     * Grants {@code consent} (chaincode JSON, validated). Without a document this is one ledger
     * transaction. With one, the document and a {@code grant-consent} outbox item are stored in one
     * store transaction and the item runs inline, deleting the document again if the grant fails.
     *
     * @return the committed consent record
     */
    JsonNode grant(final LedgerCaller caller, final ObjectNode consent, final Optional<byte[]> document) throws LedgerException {
        if (document.isEmpty()) {
            return LedgerJson.tree(ledger.submit(caller, "consents:GrantConsent", CanonicalJson.toString(consent)).payload());
        }
        final String consentId = consent.path("consentId").asText();
        final String subjectRef = consent.path("subjectRef").asText();
        final ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("consentId", consentId);
        payload.put("subjectRef", subjectRef);
        payload.put("documentHash", consent.path("documentHash").asText());
        payload.put("institution", caller.mspId());
        payload.set("consent", consent);
        final long item = store.inTransaction(tx -> {
            try {
                tx.consents().put(new ConsentDocument(consentId, subjectRef, document.get()));
            } catch (IllegalStateException e) {
                throw ApiException.conflict("already-exists", "consent " + consentId + " already exists");
            }
            return outbox.enqueue(tx, GrantConsentOperation.KIND, payload);
        });
        return unwrap(() -> outbox.run(item)).get("consent");
    }

    /**
     * Revokes through the {@code revoke-consent} outbox operation.
     *
     * @return {@code {consent, erasure?: {receiptId, destroyedPointerSetHash}, erasureSkipped?: {reason, activeConsents}}}
     */
    ObjectNode revoke(final ObjectNode payload) throws LedgerException {
        final ObjectNode state = unwrap(() -> outbox.enqueueAndRun(RevokeConsentOperation.KIND, payload));
        final ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.set("consent", state.get("consent"));
        if ("done".equals(state.path("erasure").asText())) {
            final ObjectNode erasure = response.putObject("erasure");
            erasure.put("receiptId", state.path("receiptId").asText());
            erasure.put("destroyedPointerSetHash", state.path("destroyedPointerSetHash").asText());
        } else {
            final ObjectNode skipped = response.putObject("erasureSkipped");
            skipped.put("reason", "other-active-consents");
            skipped.put("activeConsents", state.path("activeConsents").asInt());
        }
        return response;
    }

    /** One ledger call, evaluated. */
    JsonNode evaluate(final LedgerCaller caller, final String function, final String... args) throws LedgerException {
        return LedgerJson.tree(ledger.evaluate(caller, function, args));
    }

    @FunctionalInterface
    private interface Run {
        ObjectNode run() throws LedgerException;
    }

    /** A step's final refusal reaches the caller as the ledger error or API error it wraps. */
    private static ObjectNode unwrap(final Run run) throws LedgerException {
        try {
            return run.run();
        } catch (OutboxStepFailure failure) {
            final Exception reason = failure.reason();
            if (reason instanceof LedgerException ledgerFailure) {
                throw ledgerFailure;
            }
            if (reason instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw failure;
        }
    }
}
