package io.custodia.gateway.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.gateway.crash.Workload.Acknowledged;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Reads back, through the API of the restarted gateway, what the load was promised: every
 * acknowledged write is there, every erased subject has exactly one erasure receipt, and the ledger
 * verifies. Reading everything after every kill would cost O(kills²), so each restart checks the
 * writes acknowledged since the previous check (those a crash can lose) plus a seeded sample of older
 * ones; {@link #all} checks everything once at the end.
 */
final class Checks {
    private static final int SAMPLE = 25;
    /**
     * How long, after the last restart, a revocation whose answer was lost may take to finish: the
     * outbox lease of the killed process (2 min) must expire before a new process resumes the item,
     * plus a resume period.
     */
    private static final Duration ERASURE_DEADLINE = Duration.ofSeconds(Long.getLong("custodia.crashloop.erasureDeadlineSeconds", 150));

    private final Api api;
    private final Workload load;
    private final Findings findings;
    private final Set<Patient> watched = new LinkedHashSet<>();
    private int checkedUpTo;
    private int watchedUpTo;
    private String anchor;

    Checks(final Api api, final Workload load, final Findings findings) {
        this.api = api;
        this.load = load;
        this.findings = findings;
    }

    /** After a restart: new acknowledgements, a sample of old ones, erasures, ledger (anchored). */
    void afterRestart(final Random random) throws InterruptedException {
        final List<Acknowledged> acks = load.acknowledged();
        final List<Acknowledged> due = new ArrayList<>(acks.subList(checkedUpTo, acks.size()));
        for (int i = 0; i < SAMPLE && checkedUpTo > 0; i++) {
            due.add(acks.get(random.nextInt(checkedUpTo)));
        }
        checkedUpTo = acks.size();
        for (final Acknowledged ack : due) {
            check(ack);
        }
        pendingErasures(false);
        verifyLedger(true);
    }

    /** At the end: everything, and the whole ledger with every signature. */
    void all() throws InterruptedException {
        for (final Acknowledged ack : load.acknowledged()) {
            check(ack);
        }
        pendingErasures(true);
        for (final Patient p : load.revokedUnanswered()) {
            receipts(p, false); // a second receipt may have come after the first was seen
        }
        verifyLedger(false);
    }

    private void check(final Acknowledged ack) throws InterruptedException {
        final Write w = ack.write();
        try {
            switch (w.kind()) {
                case REGISTER: {
                    final Api.Reply r = api.get("/api/v1/datasets/" + w.datasetId(), load.org1Token());
                    final String expected = Api.JSON.readTree(w.body()).path("dataset").path("contentHash").path("root").asText();
                    if (r.status() != 200 || !expected.equals(r.json().findPath("contentHash").path("root").asText())) {
                        findings.add("acknowledged-survives", w, "200 with the registered dataset (contentHash.root " + expected + ")", r);
                    }
                    break;
                }
                case GRANT: {
                    if (w.patient().receiptId != null || load.revokedUnanswered().contains(w.patient()) || !load.isActive(w.patient())) {
                        break; // revoked since (or being revoked): the erasure checks cover it
                    }
                    final Api.Reply r = api.get("/api/v1/me/consents?pageSize=1000", w.patient().token);
                    boolean found = false;
                    for (final JsonNode item : r.json().path("items")) {
                        found |= w.patient().consentId.equals(Workload.text(item, "consentId"))
                                && "ACTIVE".equals(Workload.text(item, "status"));
                    }
                    if (r.status() != 200 || !found) {
                        findings.add("acknowledged-survives", w, "200 listing consent " + w.patient().consentId + " as ACTIVE", r);
                    }
                    break;
                }
                case ACCESS: {
                    final String eventId = Workload.text(ack.answer(), "eventId");
                    final Api.Reply r = api.get("/api/v1/audit/access-events/" + eventId, load.auditorToken());
                    if (r.status() != 200 || !eventId.equals(Workload.text(r.json(), "eventId"))) {
                        findings.add("acknowledged-survives", w, "200 with access event " + eventId, r);
                    }
                    break;
                }
                case REVOKE:
                    oneErasureReceipt(w.patient());
                    break;
                default:
                    throw new IllegalStateException(w.kind().name());
            }
        } catch (IOException e) {
            findings.add("gateway-answers", w, "an answer to the read-back", e);
        }
    }

    /** The receipts of an acknowledged revocation are committed before its answer: exactly one, now. */
    private void oneErasureReceipt(final Patient p) {
        final int count = receipts(p, true);
        if (count == 0) {
            findings.add("one-erasure-receipt", what(p), "the erasure receipt " + p.receiptId + " the revocation answered", "none");
        }
    }

    /**
     * Revocations whose answer was lost and whose retry found them done: the erasure is finished by
     * the restarted outbox once the killed process's lease on the item has expired (2 min), and a
     * process killed again while finishing it takes a new lease. So while the loop kills, only a
     * second receipt is a violation; at the end, with the last process left running, every one must
     * have its receipt within {@link #ERASURE_DEADLINE}.
     */
    private void pendingErasures(final boolean lastProcess) throws InterruptedException {
        final List<Patient> unanswered = load.revokedUnanswered();
        watched.addAll(unanswered.subList(watchedUpTo, unanswered.size()));
        watchedUpTo = unanswered.size();
        final long deadline = System.nanoTime() + ERASURE_DEADLINE.toNanos();
        while (!watched.isEmpty()) {
            for (final Patient p : new ArrayList<>(watched)) {
                if (receipts(p, false) != 0) {
                    watched.remove(p);
                } else if (lastProcess && System.nanoTime() > deadline) {
                    watched.remove(p);
                    findings.add("one-erasure-receipt", what(p), "one erasure receipt within " + ERASURE_DEADLINE.toSeconds()
                            + " s of the last restart (the outbox finishes interrupted revocations once the dead process's lease expired)",
                            "none");
                }
            }
            if (!lastProcess || watched.isEmpty()) {
                return;
            }
            Thread.sleep(500); // polling the outbox's progress, not ordering anything
        }
    }

    /** How many erasure receipts the subject has; more than one, or a different one, is reported. */
    private int receipts(final Patient p, final boolean answered) {
        try {
            final Api.Reply r = api.get("/api/v1/audit/erasures?subjectRef=" + p.subjectRef + "&pageSize=100", load.auditorToken());
            final JsonNode items = r.json().path("items");
            if (r.status() != 200) {
                findings.add("one-erasure-receipt", what(p), "200 listing the subject's erasure receipts", r);
                return -1;
            }
            if (items.size() > 1) {
                findings.add("one-erasure-receipt", what(p), "exactly one erasure receipt", items.size() + " receipts: " + r);
            } else if (items.size() == 1 && answered && !p.receiptId.equals(Workload.text(items.get(0), "receiptId"))) {
                findings.add("one-erasure-receipt", what(p), "the receipt the revocation answered, " + p.receiptId, r);
            }
            return items.size();
        } catch (IOException e) {
            findings.add("gateway-answers", what(p), "an answer to the read-back", e);
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String what(final Patient p) {
        return "erasure of subject " + p.subjectRef + " (consent " + p.consentId + ", patient " + p.patientId + ")";
    }

    private void verifyLedger(final boolean anchored) throws InterruptedException {
        final String path = "/api/v1/ledger/verify" + (anchored && anchor != null ? "?anchor=" + anchor : "");
        try {
            final Api.Reply r = api.send("POST", path, load.auditorToken(), null, null);
            if (r.status() != 200 || !r.json().path("valid").asBoolean(false)) {
                findings.add("ledger-verifies", "POST " + path, "200 {valid: true}", r);
                return;
            }
            final JsonNode head = r.json().path("head");
            anchor = head.path("block").asLong() + ":" + head.path("headerHash").asText();
        } catch (IOException e) {
            findings.add("gateway-answers", "POST " + path, "an answer", e);
        }
    }
}
