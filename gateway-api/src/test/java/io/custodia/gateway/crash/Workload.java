package io.custodia.gateway.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.gateway.testing.ApiSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mixed write load of the crash loop and what it learnt from the answers: dataset registrations
 * (Org1), consent grants and revocations (one fresh patient per grant, so a revocation is the
 * patient's last consent and erases them), and access requests (Org2) — every one with an
 * Idempotency-Key. Writes whose answer was lost wait in {@link #lost} for the next process.
 */
final class Workload {
    static final String ORG1 = "Org1MSP";
    static final String ORG2 = "Org2MSP";
    private static final int CONFLICT_RETRIES = 50;

    private final long seed;
    private final String tag;
    private final Api api;
    private final Findings findings;
    private final AtomicLong numbers = new AtomicLong();
    private String org1;
    private String org2;
    private String auditor;

    // Guarded by this.
    private final List<String> datasets = new ArrayList<>();
    private final List<Patient> active = new ArrayList<>();
    private final List<Write> lost = new ArrayList<>();
    private final List<Acknowledged> acknowledged = new ArrayList<>();
    /** Patients whose revocation took effect although its answer was lost (the retry found it done). */
    private final List<Patient> revokedUnanswered = new ArrayList<>();
    private long lostTotal;

    /** A write the gateway acknowledged with a 2xx, and the answer. */
    record Acknowledged(Write write, JsonNode answer, boolean viaRetry) {}

    Workload(final long seed, final Api api, final Findings findings) {
        this.seed = seed;
        this.tag = Long.toString(seed & Long.MAX_VALUE, 36);
        this.api = api;
        this.findings = findings;
    }

    /** Development tokens for the institutions and the auditor (the dev key persists across restarts). */
    void setUp() throws IOException, InterruptedException {
        org1 = token("institution", ORG1, "org1-steward");
        org2 = token("institution", ORG2, "org2-researcher");
        auditor = token("auditor", "AuditorMSP", "dpo");
    }

    String auditorToken() {
        return auditor;
    }

    String org1Token() {
        return org1;
    }

    /** Issues writes until {@code stop}; a write whose answer is lost is kept for {@link #retryLost}. */
    void drive(final Random random, final AtomicBoolean stop) throws InterruptedException {
        while (!stop.get()) {
            final Write write;
            try {
                write = next(random);
            } catch (IOException e) {
                continue; // the process died while a patient's token was being issued: nothing was sent
            }
            try {
                settle(write, sendResolvingConflicts(write));
            } catch (IOException e) {
                synchronized (this) {
                    lost.add(write);
                    lostTotal++;
                }
            }
        }
    }

    /**
     * Repeats every write whose answer was lost, same key and body. Each must converge: 2xx (the
     * stored original answer, or the first effect if the first attempt never committed) — never a
     * second effect, never a refusal of what was a valid request.
     */
    void retryLost() throws InterruptedException {
        final List<Write> retry;
        synchronized (this) {
            retry = new ArrayList<>(lost);
            lost.clear();
        }
        for (final Write write : retry) {
            release(write);
            final Api.Reply reply;
            try {
                reply = sendResolvingConflicts(write);
            } catch (IOException e) {
                findings.add("gateway-answers", write, "an answer from the restarted gateway", e);
                continue;
            }
            if (reply.ok()) {
                acknowledge(write, reply, true);
            } else if (write.kind() == Write.Kind.REVOKE && (reply.status() == 404 || "state-conflict".equals(reply.problem()))) {
                // The documented answer to a repeated DELETE: the lost first attempt revoked (409) and
                // erased (404: the patient is unknown now). Its one erasure receipt is checked later.
                synchronized (this) {
                    revokedUnanswered.add(write.patient());
                }
            } else {
                findings.add("retry-converges", write,
                        write.kind() == Write.Kind.REVOKE
                                ? "200, or the documented repeat answers 409 state-conflict / 404"
                                : "201 replaying the original answer (or the first effect, if the lost attempt never committed)",
                        reply + onLedger(write));
            }
        }
    }

    /** Whether the patient's consent is acknowledged and no revocation of it was sent. */
    synchronized boolean isActive(final Patient p) {
        return active.contains(p);
    }

    /** Whether the lost first attempt reached the ledger: tells a lost answer from a half-done write. */
    private String onLedger(final Write write) throws InterruptedException {
        try {
            switch (write.kind()) {
                case REGISTER:
                    return "; GET /api/v1/datasets/" + write.datasetId() + " answers "
                            + api.get("/api/v1/datasets/" + write.datasetId(), org1).status();
                case GRANT:
                    return "; the patient's consents: " + api.get("/api/v1/me/consents", write.patient().token);
                default:
                    return "";
            }
        } catch (IOException e) {
            return "; (the read-back failed: " + e + ")";
        }
    }

    synchronized int lostNow() {
        return lost.size();
    }

    synchronized long lostTotal() {
        return lostTotal;
    }

    synchronized List<Acknowledged> acknowledged() {
        return List.copyOf(acknowledged);
    }

    synchronized List<Patient> revokedUnanswered() {
        return List.copyOf(revokedUnanswered);
    }

    private Write next(final Random random) throws IOException, InterruptedException {
        final int roll = random.nextInt(100);
        final long n = numbers.incrementAndGet();
        final String key = "crash-" + tag + "-" + n;
        synchronized (this) {
            final List<Patient> revocable = active.stream().filter(p -> p.listedBy == 0).toList();
            if (roll < 20 && !revocable.isEmpty()) {
                final Patient p = revocable.get(random.nextInt(revocable.size()));
                active.remove(p);
                return new Write(n, Write.Kind.REVOKE, "DELETE", "/api/v1/consents/" + p.consentId, p.token, null, key, p, null, List.of());
            }
            if (roll < 45 && !datasets.isEmpty()) {
                final String datasetId = datasets.get(random.nextInt(datasets.size()));
                final Map<String, Object> body = new LinkedHashMap<>();
                body.put("datasetId", datasetId);
                body.put("purpose", Map.of("code", "HMB"));
                body.put("commercial", false);
                body.put("forProfit", false);
                body.put("methodsDevelopment", false);
                body.put("geneticStudy", false);
                body.put("task", "segmentation:lung-nodule");
                return new Write(n, Write.Kind.ACCESS, "POST", "/api/v1/access-requests", org2, Api.json(body), key, null, datasetId, List.of());
            }
            if (roll < 65) {
                final String datasetId = "ds-" + tag + "-" + n;
                final List<Patient> subjects = new ArrayList<>();
                for (int i = 0; i < 2 && i < active.size(); i++) {
                    final Patient p = active.get(random.nextInt(active.size()));
                    if (!subjects.contains(p)) {
                        subjects.add(p);
                        p.listedBy++;
                    }
                }
                return new Write(n, Write.Kind.REGISTER, "POST", "/api/v1/datasets", org1,
                        Api.json(ApiSamples.registration(datasetId, subjects.stream().map(p -> p.subjectRef).toList())),
                        key, null, datasetId, List.copyOf(subjects));
            }
        }
        final String patientId = "mrn-" + tag + "-" + n;
        final Patient p = new Patient(patientId, token("patient", ORG1, patientId));
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", Map.of("kind", "INSTITUTION", "institution", ORG1));
        body.put("purposes", List.of(Map.of("code", "HMB")));
        body.put("grantees", List.of(ORG2));
        body.put("validFrom", "2025-01-01T00:00:00Z");
        body.put("document", Base64.getEncoder().encodeToString(("consent form of " + patientId).getBytes(StandardCharsets.UTF_8)));
        return new Write(n, Write.Kind.GRANT, "POST", "/api/v1/consents", p.token, Api.json(body), key, p, null, List.of());
    }

    /** 409 ledger-conflict (MVCC) wrote nothing and is retryable by contract: repeat at once. */
    private Api.Reply sendResolvingConflicts(final Write write) throws IOException, InterruptedException {
        Api.Reply reply = null;
        for (int i = 0; i < CONFLICT_RETRIES; i++) {
            reply = api.send(write.method(), write.path(), write.token(), write.body(), write.key());
            if (reply.status() != 409 || !"ledger-conflict".equals(reply.problem())) {
                return reply;
            }
        }
        return reply;
    }

    /** The registration is settled: its subjects may be revoked again. */
    private synchronized void release(final Write write) {
        write.subjects().forEach(p -> p.listedBy--);
    }

    private void settle(final Write write, final Api.Reply reply) {
        release(write);
        if (reply.ok()) {
            acknowledge(write, reply, false);
        } else {
            findings.add("write-succeeds", write, "2xx for a valid write on a running gateway", reply);
        }
    }

    private void acknowledge(final Write write, final Api.Reply reply, final boolean viaRetry) {
        final JsonNode answer = reply.json();
        synchronized (this) {
            switch (write.kind()) {
                case REGISTER:
                    datasets.add(write.datasetId());
                    break;
                case GRANT:
                    final String consentId = text(answer, "consentId");
                    final String subjectRef = text(answer, "subjectRef");
                    if (consentId == null || subjectRef == null) {
                        findings.add("answer-shape", write, "a consent record with consentId and subjectRef", reply);
                        return;
                    }
                    write.patient().consentId = consentId;
                    write.patient().subjectRef = subjectRef;
                    active.add(write.patient());
                    break;
                case REVOKE:
                    final String receiptId = answer.path("erasure").path("receiptId").asText(null);
                    if (receiptId == null) {
                        findings.add("erasure-on-last-consent", write,
                                "an erasure receipt: this was the patient's only consent", reply);
                        return;
                    }
                    write.patient().receiptId = receiptId;
                    break;
                case ACCESS:
                    if (text(answer, "eventId") == null) {
                        findings.add("answer-shape", write, "an access event with its eventId", reply);
                        return;
                    }
                    break;
                default:
                    throw new IllegalStateException(write.kind().name());
            }
            acknowledged.add(new Acknowledged(write, answer, viaRetry));
        }
    }

    static String text(final JsonNode tree, final String member) {
        final JsonNode value = tree.findValue(member);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private String token(final String role, final String institution, final String subject) throws IOException, InterruptedException {
        final Api.Reply reply = api.send("POST", "/dev/tokens", null,
                Api.json(Map.of("role", role, "institution", institution, "subject", subject, "ttlSeconds", 86_400)), null);
        if (reply.status() != 201) {
            throw new IllegalStateException("POST /dev/tokens answered " + reply);
        }
        return reply.json().path("token").asText();
    }
}
