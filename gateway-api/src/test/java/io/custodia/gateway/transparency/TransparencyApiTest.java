package io.custodia.gateway.transparency;

import static io.custodia.gateway.access.AccessScenario.request;
import static io.custodia.gateway.access.AccessScenario.unique;
import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Checkpoint;
import io.custodia.canonical.Hashes;
import io.custodia.canonical.MerkleProofs;
import io.custodia.canonical.MerkleTree;
import io.custodia.canonical.NoteKey;
import io.custodia.canonical.SignedNote;
import io.custodia.gateway.access.AccessScenario;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/log/*} on the embedded ledger: what an outside verifier does, step by step (docs/transparency.md). */
class TransparencyApiTest {
    private static final String OWNER = "Org1MSP";
    private static final String REQUESTER = "Org2MSP";
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    @Test
    void every_access_event_and_erasure_is_provably_in_the_signed_log_and_a_rebuild_from_the_blocks_gives_the_same_tree()
            throws Exception {
        final Path data = Files.createTempDirectory("tlog-gw-");
        final List<String> eventIds = new ArrayList<>();
        final Checkpoint before;
        final Checkpoint after;
        try (RunningGateway gateway = RunningGateway.start(data)) {
            final HttpClientSupport http = new HttpClientSupport(gateway.baseUrl());
            final AccessScenario scenario = new AccessScenario(gateway);
            final TransparencyLog log = gateway.gateway().transparency().orElseThrow();
            final String auditor = gateway.token(UserRole.AUDITOR, "AuditMSP", "dpo-1");
            final String requester = gateway.token(UserRole.INSTITUTION, REQUESTER, "staff-1");
            final String owner = gateway.token(UserRole.INSTITUTION, OWNER, "staff-1");
            final String stranger = gateway.token(UserRole.INSTITUTION, "Org3MSP", "staff-1");

            final String datasetId = unique("ds");
            final List<String> subjects = scenario.patients(OWNER, 2);
            scenario.registerDataset(OWNER, datasetId, subjects);
            final String consentId = scenario.consent(OWNER, subjects.get(0), REQUESTER);
            for (int i = 0; i < 3; i++) {
                final Reply reply = http.post("/api/v1/access-requests", requester, json(request(datasetId)));
                assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
                eventIds.add(reply.json().path("event").path("eventId").asText());
            }
            // Each PERMIT is followed by its delivery receipt (the owner records it before answering).
            assertThat(log.awaitSize(6, CATCH_UP)).isTrue();
            before = checkpoint(http, auditor);
            scenario.revoke(OWNER, consentId);
            final String receiptId = scenario.recordErasure(OWNER, subjects.get(0), datasetId, consentId);
            final Reply denied = http.post("/api/v1/access-requests", requester, json(request(datasetId)));
            eventIds.add(denied.json().path("event").path("eventId").asText());
            assertThat(log.awaitSize(8, CATCH_UP)).isTrue();
            after = checkpoint(http, auditor);

            assertThat(after.size()).isEqualTo(8);
            final Reply entries = http.get("/api/v1/log/entries?start=0&end=8", auditor);
            assertThat(entries.status()).as(entries.toString()).isEqualTo(200);
            final List<String> ids = new ArrayList<>();
            for (final JsonNode row : entries.json().path("entries")) {
                final long leaf = row.path("leafIndex").asLong();
                final byte[] leafBytes = Base64.getDecoder().decode(row.path("leaf").asText());
                final LogEntry entry = LogEntry.parse(leafBytes);
                ids.add(entry.id());
                final Reply proof = http.get("/api/v1/log/proof/inclusion?leafIndex=" + leaf + "&treeSize=" + after.size(), requester);
                assertThat(proof.status()).as(proof.toString()).isEqualTo(200);
                assertThat(MerkleProofs.verifyInclusion(MerkleTree.leafHash(leafBytes), leaf, after.size(),
                        hashes(proof.json().path("proof")), after.rootHash())).as("leaf %d", leaf).isTrue();
                if (entry.type().equals("delivery-receipt")) {
                    continue; // no by-ID lookup for deliveries (docs/transparency.md §8); proved by index above
                }
                final String byId = (entry.type().equals("access-event") ? "eventId=" : "receiptId=") + entry.id();
                final Reply own = http.get("/api/v1/log/proof/inclusion?" + byId + "&treeSize=" + after.size(),
                        entry.type().equals("access-event") ? requester : owner);
                assertThat(own.status()).as(own.toString()).isEqualTo(200);
                assertThat(own.json().path("leafIndex").asLong()).isEqualTo(leaf);
                assertThat(own.json().path("leaf").asText()).isEqualTo(row.path("leaf").asText());
                if (entry.type().equals("access-event")) {
                    assertThat(http.get("/api/v1/log/proof/inclusion?" + byId + "&treeSize=" + after.size(), stranger).status())
                            .as("another institution's event").isEqualTo(404);
                }
                if (entry.type().equals("access-event")) {
                    // The trail row itself pins the leaf: its projection hashes to the entry's eventHash.
                    final JsonNode row2 = http.get("/api/v1/audit/access-events/" + entry.id(), auditor).json();
                    assertThat(Hashes.sha256Hex(CanonicalJson.toBytes(accessProjection(row2)))).isEqualTo(entry.eventHash());
                }
            }
            assertThat(ids).containsExactly(eventIds.get(0), "delivery:" + eventIds.get(0), eventIds.get(1), "delivery:" + eventIds.get(1),
                    eventIds.get(2), "delivery:" + eventIds.get(2), receiptId, eventIds.get(3));

            final Reply consistency = http.get("/api/v1/log/proof/consistency?from=" + before.size() + "&to=" + after.size(), auditor);
            assertThat(MerkleProofs.verifyConsistency(before.size(), after.size(), before.rootHash(), after.rootHash(),
                    hashes(consistency.json().path("proof")))).isTrue();
        }

        deleteTree(data.resolve("transparency/tree"));
        try (RunningGateway gateway = RunningGateway.start(data)) {
            final TransparencyLog log = gateway.gateway().transparency().orElseThrow();
            assertThat(log.awaitSize(after.size(), CATCH_UP)).isTrue();

            assertThat(log.checkpointAt(after.size())).isEqualTo(after);
            assertThat(log.checkpointAt(before.size())).isEqualTo(before);
        }
    }

    @Test
    void a_log_reaching_past_the_blocks_is_rebuilt_from_them_at_start() throws Exception {
        final Path data = Files.createTempDirectory("tlog-gw-");
        try (RunningGateway gateway = RunningGateway.start(data)) {
            final AccessScenario scenario = new AccessScenario(gateway);
            final String datasetId = unique("ds");
            scenario.registerDataset(OWNER, datasetId, scenario.patients(OWNER, 1));
            final HttpClientSupport http = new HttpClientSupport(gateway.baseUrl());
            final String requester = gateway.token(UserRole.INSTITUTION, REQUESTER, "staff-1");
            for (int i = 0; i < 2; i++) {
                assertThat(http.post("/api/v1/access-requests", requester, json(request(datasetId))).status()).isEqualTo(201);
            }
            assertThat(gateway.gateway().transparency().orElseThrow().awaitSize(2, CATCH_UP)).isTrue();
        }
        // The blocks are lost (a new, empty ledger); the log files and the log key survive.
        deleteTree(data.resolve("ledger"));

        try (RunningGateway gateway = RunningGateway.start(data)) {
            final TransparencyLog log = gateway.gateway().transparency().orElseThrow();

            assertThat(log.discardedLeaves()).isEqualTo(2);
            assertThat(log.size()).isZero();
        }
    }

    @Test
    void the_log_needs_a_token_of_an_auditor_or_institution_and_refuses_bad_sizes() throws Exception {
        try (RunningGateway gateway = RunningGateway.start()) {
            final HttpClientSupport http = new HttpClientSupport(gateway.baseUrl());
            final String auditor = gateway.token(UserRole.AUDITOR, "AuditMSP", "dpo-1");
            final String institution = gateway.token(UserRole.INSTITUTION, REQUESTER, "staff-1");
            final String patient = gateway.token(UserRole.PATIENT, OWNER, "MRN-1");

            assertThat(http.get("/api/v1/log/checkpoint", null).status()).isEqualTo(401);
            assertThat(http.get("/api/v1/log/checkpoint", patient).status()).isEqualTo(403);
            assertThat(http.get("/api/v1/log/entries?start=0&end=0", institution).status()).isEqualTo(403);
            final Reply tooBig = http.get("/api/v1/log/proof/inclusion?leafIndex=0&treeSize=1", auditor);
            assertThat(tooBig.status()).isEqualTo(400);
            assertThat(tooBig.body()).contains("treeSize");
            final Reply notNumber = http.get("/api/v1/log/proof/consistency?from=x&to=0", auditor);
            assertThat(notNumber.status()).isEqualTo(400);
            assertThat(notNumber.body()).contains("from");
            final Reply both = http.get("/api/v1/log/proof/inclusion?leafIndex=0&eventId=e&treeSize=0", auditor);
            assertThat(both.status()).isEqualTo(400);
            final Reply badId = http.get("/api/v1/log/proof/inclusion?eventId=a%20b&treeSize=0", auditor);
            assertThat(badId.status()).isEqualTo(400);
            final Reply garbage = http.post("/api/v1/log/cosignatures", auditor, "not a note");
            assertThat(garbage.status()).isEqualTo(400);

            final Reply key = http.get("/api/v1/log/key", institution);
            final NoteKey verifier = NoteKey.parseVerifierKey(key.json().path("verifierKey").asText());
            final Reply note = http.get("/api/v1/log/checkpoint", institution);
            assertThat(note.header("Content-Type")).startsWith("text/plain");
            assertThat(SignedNote.parse(note.body()).verifiedBy(verifier)).isTrue();
            assertThat(Checkpoint.parse(SignedNote.parse(note.body()).text()).size()).isZero();
            assertThat(Files.getPosixFilePermissions(gateway.dataDir().resolve("keys/log-ed25519.key")))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
    }

    /** The AccessDecided event payload, recomputed from the trail row (docs/transparency.md). */
    static Map<String, Object> accessProjection(final JsonNode event) {
        final Map<String, Object> out = new TreeMap<>();
        out.put("eventId", event.path("eventId").asText());
        out.put("datasetId", event.path("datasetId").asText());
        out.put("requester", event.path("requester").asText());
        out.put("decision", event.path("decision").asText());
        out.put("subjectsReleased", event.path("subjectsReleased").asLong());
        out.put("releasedSubjectsRoot", event.path("releasedSubjectsRoot").asText());
        return out;
    }

    private static Checkpoint checkpoint(final HttpClientSupport http, final String token) throws Exception {
        final Reply reply = http.get("/api/v1/log/checkpoint", token);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        final NoteKey verifier = NoteKey.parseVerifierKey(http.get("/api/v1/log/key", token).json().path("verifierKey").asText());
        final SignedNote note = SignedNote.parse(reply.body());
        assertThat(note.verifiedBy(verifier)).isTrue();
        return Checkpoint.parse(note.text());
    }

    private static List<byte[]> hashes(final JsonNode array) {
        final List<byte[]> out = new ArrayList<>();
        array.forEach(n -> out.add(Base64.getDecoder().decode(n.asText())));
        return out;
    }

    private static void deleteTree(final Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
