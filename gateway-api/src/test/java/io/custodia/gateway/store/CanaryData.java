package io.custodia.gateway.store;

import static io.custodia.gateway.store.TestData.utf8;

import io.custodia.canonical.Hashes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Plants canary values for a subject and reads back the blobs the database stored for it. */
final class CanaryData {
    static final byte[] PEPPER = utf8("institution-pepper-0123456789abcdef");

    /** Every encrypted column holding a subject's data, and the wrapped data key. */
    static final List<String> BLOB_QUERIES = List.of(
            "SELECT wrapped_key FROM subject_keys WHERE subject_ref = ?",
            "SELECT encrypted_pointers FROM subject_items WHERE subject_ref = ?",
            "SELECT encrypted_item_salt FROM subject_items WHERE subject_ref = ?",
            "SELECT encrypted_salt FROM subject_registry WHERE subject_ref = ?",
            "SELECT encrypted_document FROM consent_documents WHERE subject_ref = ?");

    private CanaryData() {}

    /**
     * Registers patient {@code marker#patient}, stores pointer {@code marker#pointer}, a consent
     * document containing {@code marker#consent} and a disclosure to event {@link #eventIdOf}(marker).
     */
    static String plant(final OffChainStore store, final String marker) {
        final String subjectRef = store.subjects().registerOrGet(PEPPER, marker + "#patient").subjectRef();
        store.items().put(new SubjectItems("ds-canary", subjectRef,
                List.of("s3://hospital/" + marker + "#pointer/1.dcm", marker + "#pointer"),
                TestData.randomBytes(32)));
        store.consents().put(new ConsentDocument("consent-" + subjectRef.substring(0, 12), subjectRef,
                utf8("I, " + marker + "#consent, consent.")));
        final String eventId = eventIdOf(marker);
        store.disclosures().record(DisclosedEvent.of(eventId, "ds-canary", "UNI-X", "DUO:0000007", Instant.now(),
                "{\"eventId\":\"" + eventId + "\"}", List.of(subjectRef)));
        return subjectRef;
    }

    /**
     * The access event of the planted disclosure. Not the marker: an event names no subject, so erasure
     * keeps it (as the ledger does) and only the subject's membership of its released set goes.
     */
    static String eventIdOf(final String marker) {
        return "event-" + Hashes.sha256Hex(marker).substring(0, 32);
    }

    /** The subject's blobs exactly as stored. */
    static List<byte[]> blobsOf(final Connection c, final String subjectRef) throws SQLException {
        final List<byte[]> values = new ArrayList<>();
        for (final String query : BLOB_QUERIES) {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setString(1, subjectRef);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new AssertionError("nothing stored for: " + query);
                    }
                    values.add(rs.getBytes(1));
                }
            }
        }
        return values;
    }
}
