package io.custodia.sdk.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Checkpoint;
import io.custodia.canonical.Hashes;
import io.custodia.canonical.MerkleProofs;
import io.custodia.canonical.MerkleTree;
import io.custodia.canonical.NoteKey;
import io.custodia.canonical.SignedNote;
import io.custodia.sdk.client.AccessEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verifies an {@link AuditBundle} offline: the checkpoint's log signature, the cosignature of every
 * required witness, and for each event that its leaf records exactly this event (type, ID,
 * transaction, and the event hash recomputed from the event, docs/transparency.md §1) and that the
 * leaf's inclusion proof leads to the checkpoint's root. Every failure is named.
 *
 * <pre>{@code
 * List<String> failures = BundleVerifier.verify(bundle, logKey, List.of(witnessKey));
 * }</pre>
 */
public final class BundleVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleVerifier() {}

    /** What failed; empty when the bundle verifies. */
    public static List<String> verify(final AuditBundle bundle, final NoteKey logKey, final List<NoteKey> witnesses) {
        final List<String> failures = new ArrayList<>();
        final SignedNote note;
        final Checkpoint checkpoint;
        try {
            note = SignedNote.parse(bundle.checkpoint());
            checkpoint = Checkpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            return List.of("checkpoint: malformed (" + e.getMessage() + ")");
        }
        if (!note.verifiedBy(logKey)) {
            failures.add("checkpoint: not signed by log key " + logKey.verifierKey());
        }
        for (final NoteKey witness : witnesses) {
            if (note.cosignedBy(witness).isEmpty()) {
                failures.add("checkpoint: no valid cosignature of witness " + witness.verifierKey());
            }
        }
        for (final AuditBundle.Item item : bundle.events()) {
            failures.addAll(verify(item, checkpoint));
        }
        return failures;
    }

    private static List<String> verify(final AuditBundle.Item item, final Checkpoint checkpoint) {
        final AccessEvent event = item.event();
        final String name = "event " + event.eventId();
        final List<String> failures = new ArrayList<>();
        final byte[] leaf;
        final JsonNode entry;
        try {
            leaf = Base64.getDecoder().decode(item.leaf());
            entry = JSON.readTree(leaf);
        } catch (IllegalArgumentException | IOException e) {
            return List.of(name + ": leaf is not base64 JSON");
        }
        expect(failures, name, "schema", "custodia.log-entry.v1", entry.path("schema").asText());
        expect(failures, name, "type", "access-event", entry.path("type").asText());
        expect(failures, name, "id", event.eventId(), entry.path("id").asText());
        expect(failures, name, "txId", String.valueOf(event.txId()), entry.path("txId").asText());
        expect(failures, name, "eventHash", Hashes.sha256Hex(CanonicalJson.toBytes(projection(event))), entry.path("eventHash").asText());
        final List<byte[]> proof = new ArrayList<>();
        try {
            item.proof().forEach(p -> proof.add(Base64.getDecoder().decode(p)));
        } catch (IllegalArgumentException e) {
            failures.add(name + ": proof is not base64");
            return failures;
        }
        if (!MerkleProofs.verifyInclusion(MerkleTree.leafHash(leaf), item.leafIndex(), checkpoint.size(), proof, checkpoint.rootHash())) {
            failures.add(name + ": inclusion proof of leaf " + item.leafIndex() + " does not lead to the root of tree size "
                    + checkpoint.size());
        }
        return failures;
    }

    /** The AccessDecided event payload, recomputed from the event (docs/transparency.md §1). */
    static Map<String, Object> projection(final AccessEvent event) {
        final Map<String, Object> out = new TreeMap<>();
        out.put("datasetId", event.datasetId());
        out.put("decision", event.decision());
        out.put("eventId", event.eventId());
        out.put("releasedSubjectsRoot", event.releasedSubjectsRoot());
        out.put("requester", event.requester());
        out.put("subjectsReleased", event.subjectsReleased());
        return out;
    }

    private static void expect(final List<String> failures, final String name, final String field, final String expected,
            final String actual) {
        if (!expected.equals(actual)) {
            failures.add(name + ": leaf " + field + " is " + actual + ", the event says " + expected);
        }
    }
}
