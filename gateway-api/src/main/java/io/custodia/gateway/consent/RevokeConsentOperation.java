package io.custodia.gateway.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Hashes;
import io.custodia.gateway.http.LedgerJson;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.outbox.OutboxOperation;
import io.custodia.gateway.outbox.OutboxStepFailure;
import io.custodia.gateway.outbox.StepContext;
import io.custodia.gateway.store.ErasureResult;
import io.custodia.gateway.store.OffChainStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Outbox kind {@value #KIND}: revoke on-chain, then — if no other consent still covers the subject —
 * erase the subject off-chain, compact the store, and put the erasure receipt on-chain.
 *
 * <p>Steps, each idempotent:
 * <ol>
 *   <li>{@code consents:RevokeConsent}; STATE_CONFLICT on a consent that is REVOKED means an earlier
 *       run did it.</li>
 *   <li>If another ACTIVE consent of the subject is still in force or will be, the data is still
 *       covered by a valid consent and must stay available for it: erasure is skipped and the state
 *       says so. Otherwise the dataset ids, {@code eraseSubject} and the step's progress commit in one
 *       store transaction (pointers, salts, registry row, documents, disclosures, idempotency
 *       responses, data key).</li>
 *   <li>{@code store.compact()} so the deleted rows leave the database files (harmless to repeat).</li>
 *   <li>{@code erasures:RecordErasure} with a receipt id derived from the revocation (consent id and
 *       subject: a consent is revoked once), after looking it up: a receipt for this revocation on the
 *       ledger, or ALREADY_EXISTS, means an earlier run recorded it, so a revocation never gets two
 *       receipts however often it is re-run.</li>
 * </ol>
 *
 * <p>One item per consent: its saga key is {@link #key(String)}, so a DELETE retried after a crash
 * joins (and, its holder being dead, takes over) the item its first attempt enqueued instead of
 * enqueueing a second revocation. A completed item is scrubbed (payload and state dropped): it
 * named the erased subject.
 *
 * <p>Payload: {@code {consentId, subjectRef, institution, revocation}} — pseudonyms and IDs only.
 */
final class RevokeConsentOperation {
    static final String KIND = "revoke-consent";
    private static final String PAGE = "1000";

    private final LedgerClient ledger;
    private final OffChainStore store;
    private final Clock clock;

    RevokeConsentOperation(final LedgerClient ledger, final OffChainStore store, final Clock clock) {
        this.ledger = ledger;
        this.store = store;
        this.clock = clock;
    }

    OutboxOperation operation() {
        return new OutboxOperation(KIND, List.of(this::revoke, this::eraseIfUncovered, this::compact, this::recordReceipt), true);
    }

    /** The saga key of the revocation of {@code consentId}. */
    static String key(final String consentId) {
        return KIND + ":" + consentId;
    }

    /** The payload of one revocation. */
    static ObjectNode payload(final String consentId, final String subjectRef, final String institution, final JsonNode actor) {
        final ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("consentId", consentId);
        payload.put("subjectRef", subjectRef);
        payload.put("institution", institution);
        payload.putObject("revocation").set("by", actor);
        return payload;
    }

    /**
     * The receipt id: keyed by the revocation (the consent and its subject), not by what the erasure
     * found. A re-run after a crash, or a second run over an already emptied store, therefore submits
     * the same id (found, or ALREADY_EXISTS) rather than a second receipt over an empty set.
     */
    static String receiptId(final String consentId, final String subjectRef) {
        final Map<String, Object> basis = new TreeMap<>();
        basis.put("consentId", consentId);
        basis.put("subjectRef", subjectRef);
        return "erasure-" + Hashes.sha256Hex(CanonicalJson.toBytes(basis));
    }

    private void revoke(final StepContext step) throws LedgerException {
        final JsonNode p = step.payload();
        final LedgerCaller caller = caller(p);
        final String consentId = p.path("consentId").asText();
        try {
            final byte[] revoked = ledger.submit(caller, "consents:RevokeConsent", consentId,
                    CanonicalJson.toString(p.path("revocation"))).payload();
            step.state().set("consent", LedgerJson.tree(revoked));
        } catch (LedgerException.Rejected refused) {
            if ("STATE_CONFLICT".equals(refused.code())) {
                final JsonNode current = LedgerJson.tree(ledger.evaluate(caller, "consents:GetConsent", consentId));
                if ("REVOKED".equals(current.path("status").asText())) {
                    step.state().set("consent", current);
                    return;
                }
            }
            throw new OutboxStepFailure(refused);
        }
    }

    private void eraseIfUncovered(final StepContext step) throws LedgerException {
        final JsonNode p = step.payload();
        final String subjectRef = p.path("subjectRef").asText();
        final int stillCovering = otherCoveringConsents(caller(p), subjectRef, p.path("consentId").asText());
        if (stillCovering > 0) {
            step.state().put("erasure", "skipped");
            step.state().put("activeConsents", stillCovering);
            return;
        }
        step.commitWithProgress(tx -> {
            final List<String> datasetIds = tx.items().datasetIdsOf(subjectRef);
            final ErasureResult result = tx.erasure().eraseSubject(subjectRef);
            step.state().put("erasure", "done");
            step.state().put("destroyedPointerSetHash", result.destroyedPointerSetHash());
            final ArrayNode ids = step.state().putArray("datasetIds");
            datasetIds.forEach(ids::add);
            return result;
        });
    }

    private void compact(final StepContext step) {
        if ("done".equals(step.state().path("erasure").asText())) {
            store.compact();
        }
    }

    private void recordReceipt(final StepContext step) throws LedgerException {
        if (!"done".equals(step.state().path("erasure").asText())) {
            return;
        }
        final JsonNode p = step.payload();
        final LedgerCaller caller = caller(p);
        final String subjectRef = p.path("subjectRef").asText();
        final String consentId = p.path("consentId").asText();
        final String receiptId = receiptId(consentId, subjectRef);
        final Optional<JsonNode> recorded = receipt(caller, receiptId);
        if (recorded.isPresent()) {
            // An earlier run of this revocation recorded it: keep what the ledger says it erased.
            step.state().put("receiptId", receiptId);
            step.state().put("destroyedPointerSetHash",
                    recorded.get().path("erasure").path("destroyedPointerSetHash").asText());
            return;
        }
        final String hash = step.state().path("destroyedPointerSetHash").asText();
        final List<String> datasetIds = new ArrayList<>();
        for (final JsonNode id : step.state().path("datasetIds")) {
            // Pointers may have been stored for a dataset whose registration never committed; the
            // receipt can only name datasets the ledger knows (the same ones on every re-run).
            if (datasetExists(caller, id.asText())) {
                datasetIds.add(id.asText());
            }
        }
        final ObjectNode erasure = JsonNodeFactory.instance.objectNode();
        erasure.put("receiptId", receiptId);
        erasure.put("subjectRef", subjectRef);
        final ArrayNode ids = erasure.putArray("datasetIds");
        datasetIds.forEach(ids::add);
        erasure.put("destroyedPointerSetHash", hash);
        erasure.putArray("consentIds").add(consentId);
        try {
            ledger.submit(caller, "erasures:RecordErasure", CanonicalJson.toString(erasure));
        } catch (LedgerException.Rejected refused) {
            if (!"ALREADY_EXISTS".equals(refused.code())) {
                throw new OutboxStepFailure(refused);
            }
        }
        step.state().put("receiptId", receiptId);
    }

    /** Consents of the subject other than {@code consentId} that are ACTIVE and not yet expired. */
    int otherCoveringConsents(final LedgerCaller caller, final String subjectRef, final String consentId)
            throws LedgerException {
        final Instant now = clock.instant();
        int count = 0;
        String bookmark = "";
        do {
            final JsonNode page = LedgerJson.tree(ledger.evaluate(caller, "consents:ListConsentsBySubject", subjectRef, PAGE, bookmark));
            for (final JsonNode record : page.path("items")) {
                final JsonNode until = record.path("consent").path("validUntil");
                if (!consentId.equals(record.path("consent").path("consentId").asText())
                        && "ACTIVE".equals(record.path("status").asText())
                        && (until.isMissingNode() || until.isNull() || Instant.parse(until.asText()).isAfter(now))) {
                    count++;
                }
            }
            bookmark = page.path("bookmark").asText("");
        } while (!bookmark.isEmpty());
        return count;
    }

    /** The erasure receipt {@code receiptId} on the ledger, if recorded. */
    Optional<JsonNode> receipt(final LedgerCaller caller, final String receiptId) throws LedgerException {
        try {
            return Optional.of(LedgerJson.tree(ledger.evaluate(caller, "erasures:GetErasureReceipt", receiptId)));
        } catch (LedgerException.Rejected e) {
            if ("NOT_FOUND".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private boolean datasetExists(final LedgerCaller caller, final String datasetId) throws LedgerException {
        try {
            ledger.evaluate(caller, "datasets:GetDataset", datasetId);
            return true;
        } catch (LedgerException.Rejected e) {
            if ("NOT_FOUND".equals(e.code())) {
                return false;
            }
            throw e;
        }
    }

    private static LedgerCaller caller(final JsonNode payload) {
        return LedgerCaller.institution(payload.path("institution").asText());
    }
}
