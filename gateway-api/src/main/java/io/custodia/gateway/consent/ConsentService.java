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
import io.custodia.gateway.store.Outbox;
import io.custodia.chaincode.consent.Consent;
import java.util.Optional;

/** Grants and revocations against the ledger and the off-chain store, driven by the outbox where they have several steps. */
final class ConsentService {
    private final LedgerClient ledger;
    private final OffChainStore store;
    private final OutboxRunner outbox;
    private final RevokeConsentOperation revocations;

    ConsentService(final LedgerClient ledger, final OffChainStore store, final OutboxRunner outbox,
            final RevokeConsentOperation revocations) {
        this.ledger = ledger;
        this.store = store;
        this.outbox = outbox;
        this.revocations = revocations;
    }

    /**
     * Grants {@code consent} (chaincode JSON, validated). Without a document this is one ledger
     * transaction. With one, the document and a {@code grant-consent} outbox item (already leased by
     * this request, so no resume pass can run it first) are stored in one store transaction and the
     * item runs inline, deleting the document again if the grant fails.
     *
     * <p>With {@code retry} (the request carries an Idempotency-Key), a grant whose first attempt
     * committed but whose answer was lost answers the committed record again instead of 409: the
     * same consent on the ledger, or the earlier attempt's item, still running or done.
     *
     * @return the committed consent record
     */
    JsonNode grant(final LedgerCaller caller, final ObjectNode consent, final Optional<byte[]> document, final boolean retry)
            throws LedgerException {
        final String consentId = consent.path("consentId").asText();
        if (document.isEmpty()) {
            try {
                return LedgerJson.tree(ledger.submit(caller, "consents:GrantConsent", CanonicalJson.toString(consent)).payload());
            } catch (LedgerException.Rejected refused) {
                if (retry && "ALREADY_EXISTS".equals(refused.code())) {
                    return committedGrant(caller, consent).orElseThrow(() -> refused);
                }
                throw refused;
            }
        }
        final String subjectRef = consent.path("subjectRef").asText();
        final ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("consentId", consentId);
        payload.put("subjectRef", subjectRef);
        payload.put("documentHash", consent.path("documentHash").asText());
        payload.put("institution", caller.mspId());
        payload.set("consent", consent);
        final String key = GrantConsentOperation.key(consentId);
        final Optional<Outbox.Enqueued> item = store.inTransaction(tx -> {
            if (tx.consents().find(consentId).isPresent()) {
                // An earlier attempt stored the document: join its item while it runs, else decide below.
                final boolean running = tx.outbox().findByKey(key).filter(i -> !i.done()).isPresent();
                return running && retry ? Optional.of(outbox.enqueue(tx, GrantConsentOperation.KIND, payload, key))
                        : Optional.<Outbox.Enqueued>empty();
            }
            tx.outbox().forgetDone(key);
            tx.consents().put(new ConsentDocument(consentId, subjectRef, document.get()));
            return Optional.of(outbox.enqueue(tx, GrantConsentOperation.KIND, payload, key));
        });
        if (item.isPresent() && CanonicalJson.toString(payload).equals(item.get().item().payload())) {
            final JsonNode granted = OutboxStepFailure.unwrapping(() -> outbox.run(item.get())).get("consent");
            if (granted != null && !granted.isNull()) {
                return granted;
            }
        }
        // The document is an earlier attempt's (or another request's with the same consent id).
        return (retry ? committedGrant(caller, consent) : Optional.<JsonNode>empty())
                .orElseThrow(() -> ApiException.conflict("already-exists", "consent " + consentId + " already exists"));
    }

    /** The consent on the ledger if it is exactly {@code consent} (an earlier attempt of this request committed it). */
    private Optional<JsonNode> committedGrant(final LedgerCaller caller, final ObjectNode consent) throws LedgerException {
        final JsonNode record;
        try {
            record = LedgerJson.tree(ledger.evaluate(caller, "consents:GetConsent", consent.path("consentId").asText()));
        } catch (LedgerException.Rejected e) {
            if ("NOT_FOUND".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
        return normalised(record.path("consent")).equals(normalised(consent)) ? Optional.of(record) : Optional.empty();
    }

    /** The consent as the chaincode's own class writes it, so field order and defaults cannot differ. */
    private static String normalised(final JsonNode consent) {
        return CanonicalJson.toString(CanonicalJson.parse(CanonicalJson.toString(consent), Consent.class));
    }

    /**
     * Revokes through the {@code revoke-consent} outbox operation, one item per consent: a retry joins
     * the item of its first attempt (finishing it if its worker died) rather than revoking twice.
     *
     * @return {@code {consent, erasure?: {receiptId, destroyedPointerSetHash}, erasureSkipped?: {reason, activeConsents}}}
     */
    ObjectNode revoke(final ObjectNode payload) throws LedgerException {
        final String consentId = payload.path("consentId").asText();
        final ObjectNode state = OutboxStepFailure.unwrapping(() -> outbox.enqueueAndRun(RevokeConsentOperation.KIND, payload,
                RevokeConsentOperation.key(consentId)));
        if (!state.has("consent")) {
            // Joined an item that had completed (and was scrubbed): the outcome is on the ledger.
            return replayRevocation(LedgerCaller.institution(payload.path("institution").asText()), consentId,
                    payload.path("subjectRef").asText());
        }
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

    /**
     * The answer a completed revocation gave, rebuilt from the ledger: the REVOKED consent and its
     * erasure receipt (keyed by the revocation), or, without a receipt, the consents that kept the
     * subject's data (counted now).
     */
    ObjectNode replayRevocation(final LedgerCaller caller, final String consentId, final String subjectRef) throws LedgerException {
        final ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.set("consent", evaluate(caller, "consents:GetConsent", consentId));
        final String receiptId = RevokeConsentOperation.receiptId(consentId, subjectRef);
        final Optional<JsonNode> receipt = revocations.receipt(caller, receiptId);
        if (receipt.isPresent()) {
            final ObjectNode erasure = response.putObject("erasure");
            erasure.put("receiptId", receiptId);
            erasure.put("destroyedPointerSetHash", receipt.get().path("erasure").path("destroyedPointerSetHash").asText());
        } else {
            final ObjectNode skipped = response.putObject("erasureSkipped");
            skipped.put("reason", "other-active-consents");
            skipped.put("activeConsents", revocations.otherCoveringConsents(caller, subjectRef, consentId));
        }
        return response;
    }

    /** One ledger call, evaluated. */
    JsonNode evaluate(final LedgerCaller caller, final String function, final String... args) throws LedgerException {
        return LedgerJson.tree(ledger.evaluate(caller, function, args));
    }
}
