package io.custodia.gateway.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.gateway.http.LedgerJson;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.store.DatasetPointer;
import io.custodia.gateway.store.OffChainStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the off-chain store with the ledger once at start-up, after the outbox finished what it
 * could of the previous process's pending items.
 *
 * <ul>
 *   <li>A dataset whose pointers are in the store but which is not on the ledger, with no pending
 *       registration, is a registration that never committed: its rows are deleted (repaired).</li>
 *   <li>A dataset of this gateway's institution(s) on the ledger without its pointers in the store,
 *       or a subject the ledger lists in such a dataset without item rows and without an erasure
 *       receipt naming the dataset, is data the store lost: reported as lost, never invented.</li>
 * </ul>
 *
 * <p>Findings name dataset ids and counts only, never a subject reference or pointer.
 */
public final class StoreReconciliation {
    private static final Logger LOG = LoggerFactory.getLogger(StoreReconciliation.class);
    private static final String PAGE = "1000";
    private static final String REGISTRATION_KEY = "register-dataset:";
    /** The organisation the embedded ledger's auditors belong to (its CA issues identities on demand). */
    private static final String EMBEDDED_AUDITOR = "AuditorMSP";

    private final LedgerClient ledger;
    private final OffChainStore store;
    private final Optional<String> institution;

    /**
     * @param institution the one institution whose data this gateway holds (Fabric mode), or empty
     *     when it serves every institution (the embedded ledger)
     */
    public StoreReconciliation(final LedgerClient ledger, final OffChainStore store, final Optional<String> institution) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.store = Objects.requireNonNull(store, "store");
        this.institution = Objects.requireNonNull(institution, "institution");
    }

    /** What a reconciliation found. */
    public record Report(List<String> repaired, List<String> lost) {
        public Report {
            repaired = List.copyOf(repaired);
            lost = List.copyOf(lost);
        }

        public boolean clean() {
            return repaired.isEmpty() && lost.isEmpty();
        }
    }

    /** Runs the comparison, repairing what can be repaired. */
    public Report run() throws LedgerException {
        final List<String> repaired = new ArrayList<>();
        final List<String> lost = new ArrayList<>();
        for (final DatasetPointer pointer : store.datasets().all()) {
            if (institution.isPresent() && !institution.get().equals(pointer.ownerInstitution())) {
                continue;
            }
            if (pending(pointer.datasetId())) {
                continue;
            }
            if (find(LedgerCaller.institution(pointer.ownerInstitution()), pointer.datasetId()).isEmpty()) {
                store.datasets().delete(pointer.datasetId());
                repaired.add("dataset " + pointer.datasetId() + ": its registration never committed on the ledger;"
                        + " its off-chain rows were deleted");
            }
        }
        // The embedded ledger serves every institution: an auditor identity lists all of their datasets.
        final LedgerCaller lister = institution.map(LedgerCaller::institution).orElse(LedgerCaller.auditor(EMBEDDED_AUDITOR));
        String bookmark = "";
        do {
            final Map<String, String> filter = institution.map(i -> Map.of("owner", i)).orElse(Map.of());
            final JsonNode page = LedgerJson.tree(ledger.evaluate(lister, "datasets:ListDatasets",
                    CanonicalJson.toString(filter), PAGE, bookmark));
            for (final JsonNode record : page.path("items")) {
                checkDataset(record, lost);
            }
            bookmark = page.path("bookmark").asText("");
        } while (!bookmark.isEmpty());
        return new Report(repaired, lost);
    }

    private void checkDataset(final JsonNode record, final List<String> lost) throws LedgerException {
        final String datasetId = record.path("descriptor").path("datasetId").asText();
        final LedgerCaller owner = LedgerCaller.institution(record.path("owner").asText());
        if (pending(datasetId)) {
            return;
        }
        if (store.datasets().find(datasetId).isEmpty()) {
            lost.add("dataset " + datasetId + " (owner " + record.path("owner").asText() + ") is on the ledger but its"
                    + " storage URI and item pointers are not in the off-chain store");
            return;
        }
        final Set<String> held = new HashSet<>(store.items().subjectsOf(datasetId));
        int missing = 0;
        String bookmark = "";
        do {
            final JsonNode page = LedgerJson.tree(ledger.evaluate(owner, "datasets:GetDatasetSubjects", datasetId, PAGE, bookmark));
            for (final JsonNode subject : page.path("items")) {
                if (!held.contains(subject.asText()) && !erased(owner, subject.asText(), datasetId)) {
                    missing++;
                }
            }
            bookmark = page.path("bookmark").asText("");
        } while (!bookmark.isEmpty());
        if (missing > 0) {
            lost.add("dataset " + datasetId + ": " + missing + " subject(s) on the ledger have neither item pointers in the"
                    + " off-chain store nor an erasure receipt");
        }
    }

    /** Whether an erasure receipt of the subject names the dataset (its items were erased on purpose). */
    private boolean erased(final LedgerCaller caller, final String subjectRef, final String datasetId) throws LedgerException {
        String bookmark = "";
        do {
            final JsonNode page = LedgerJson.tree(ledger.evaluate(caller, "erasures:ListErasuresBySubject", subjectRef, PAGE, bookmark));
            for (final JsonNode receipt : page.path("items")) {
                for (final JsonNode id : receipt.path("erasure").path("datasetIds")) {
                    if (datasetId.equals(id.asText())) {
                        return true;
                    }
                }
            }
            bookmark = page.path("bookmark").asText("");
        } while (!bookmark.isEmpty());
        return false;
    }

    /** A registration still pending in the outbox (the ledger was unreachable): it decides itself. */
    private boolean pending(final String datasetId) {
        return store.outbox().findByKey(REGISTRATION_KEY + datasetId).filter(i -> !i.done()).isPresent();
    }

    private Optional<JsonNode> find(final LedgerCaller caller, final String datasetId) throws LedgerException {
        try {
            return Optional.of(LedgerJson.tree(ledger.evaluate(caller, "datasets:GetDataset", datasetId)));
        } catch (LedgerException.Rejected e) {
            if ("NOT_FOUND".equals(e.code()) || "NOT_OWNER".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Logs a report: repairs as warnings, losses as errors. */
    public static void log(final Report report) {
        report.repaired().forEach(r -> LOG.warn("store reconciliation repaired: {}", r));
        report.lost().forEach(l -> LOG.error("store reconciliation: {}", l));
    }
}
