package io.custodia.gateway.consent;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.gateway.http.LedgerJson;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.outbox.OutboxOperation;
import io.custodia.gateway.outbox.OutboxStepFailure;
import io.custodia.gateway.outbox.StepContext;
import io.custodia.gateway.store.OffChainStore;
import java.util.List;
import java.util.Optional;

/**
 * Outbox kind {@value #KIND}: a grant that comes with a consent document. The request stores the
 * document and enqueues this item in ONE store transaction; the single step then submits the grant
 * (inline) or only reconciles (on resume), and deletes the document whenever no consent on the ledger
 * carries it. So a document never outlives a failed grant, not even across a crash: if the process
 * dies after storing the document, the resumed item finds no consent and deletes it; if it dies after
 * the grant committed, the resumed item finds the consent and keeps it.
 *
 * <p>A resumed item never submits the grant itself: the client was told the request failed (or got no
 * answer) and may retry with its Idempotency-Key; granting behind its back later would surprise it.
 *
 * <p>Payload: {@code {consentId, subjectRef, documentHash, institution, consent}} — the consent JSON
 * holds pseudonyms, MSP IDs, dataset IDs and DUO codes only.
 */
final class GrantConsentOperation {
    static final String KIND = "grant-consent";

    private final LedgerClient ledger;
    private final OffChainStore store;

    GrantConsentOperation(final LedgerClient ledger, final OffChainStore store) {
        this.ledger = ledger;
        this.store = store;
    }

    /** The saga key of the grant of {@code consentId}: one item per consent. */
    static String key(final String consentId) {
        return KIND + ":" + consentId;
    }

    OutboxOperation operation() {
        return new OutboxOperation(KIND, List.of(this::grantOrReconcile));
    }

    private void grantOrReconcile(final StepContext step) throws LedgerException {
        final JsonNode payload = step.payload();
        final String consentId = payload.path("consentId").asText();
        final LedgerCaller caller = LedgerCaller.institution(payload.path("institution").asText());
        LedgerException failure = null;
        if (!step.resumed()) {
            try {
                final byte[] record = ledger.submit(caller, "consents:GrantConsent",
                        CanonicalJson.toString(payload.path("consent"))).payload();
                step.state().set("consent", LedgerJson.tree(record));
                return;
            } catch (LedgerException.Rejected refused) {
                // The ledger said no; nothing of this request was written on-chain. An ALREADY_EXISTS
                // consent may still be ours (an earlier attempt whose answer was lost): checked below.
                failure = refused;
            } catch (LedgerException unknownOutcome) {
                // Invalidated, pending or unreachable: whether the grant committed is only known by looking.
                failure = unknownOutcome;
            }
        }
        final Optional<JsonNode> onChain = find(caller, consentId);
        final boolean ours = onChain.isPresent() && carriesThisDocument(onChain.get(), payload);
        if (ours && (failure == null || !(failure instanceof LedgerException.Rejected))) {
            step.state().set("consent", onChain.get());
            return;
        }
        if (!ours) {
            // Compensation: no consent on the ledger carries this document, so it must not stay.
            store.consents().delete(consentId);
            step.state().put("documentDeleted", true);
        }
        throw new OutboxStepFailure(failure != null ? failure
                : new LedgerException.Rejected("NOT_FOUND", "the grant of consent " + consentId + " did not commit"));
    }

    private Optional<JsonNode> find(final LedgerCaller caller, final String consentId) throws LedgerException {
        try {
            return Optional.of(LedgerJson.tree(ledger.evaluate(caller, "consents:GetConsent", consentId)));
        } catch (LedgerException.Rejected e) {
            if ("NOT_FOUND".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean carriesThisDocument(final JsonNode record, final JsonNode payload) {
        final JsonNode consent = record.path("consent");
        return consent.path("subjectRef").asText().equals(payload.path("subjectRef").asText())
                && consent.path("documentHash").asText().equals(payload.path("documentHash").asText());
    }
}
