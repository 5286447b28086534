package io.custodia.gateway.store;

import io.custodia.canonical.Hashes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@link ConsentDocuments} on table {@code consent_documents}, encrypted per subject. */
final class JdbcConsentDocuments implements ConsentDocuments {
    private final SqlExecutor sql;
    private final SubjectKeys keys;
    private final Clock clock;

    JdbcConsentDocuments(final SqlExecutor sql, final SubjectKeys keys, final Clock clock) {
        this.sql = sql;
        this.keys = keys;
        this.clock = clock;
    }

    private static byte[] aad(final String consentId, final String subjectRef) {
        return FieldCrypto.aad("consent-document", consentId, subjectRef);
    }

    @Override
    public String put(final ConsentDocument document) {
        Checks.notNull(document, "document");
        final String sha256 = document.sha256();
        return sql.run("put consent document", c -> {
            final byte[] key = keys.getOrCreate(c, document.subjectRef());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO consent_documents"
                    + " (consent_id, subject_ref, document_sha256, encrypted_document, created_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (consent_id) DO NOTHING")) {
                ps.setString(1, document.consentId());
                ps.setString(2, document.subjectRef());
                ps.setString(3, sha256);
                ps.setBytes(4, keys.crypto().seal(key, aad(document.consentId(), document.subjectRef()),
                        document.document()));
                ps.setLong(5, clock.millis());
                if (ps.executeUpdate() == 1) {
                    return sha256;
                }
            } finally {
                Arrays.fill(key, (byte) 0);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT subject_ref, document_sha256 FROM consent_documents WHERE consent_id = ?")) {
                ps.setString(1, document.consentId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(1).equals(document.subjectRef()) && rs.getString(2).equals(sha256)) {
                        return sha256;
                    }
                }
            }
            throw new IllegalStateException("consent id already holds a different document");
        });
    }

    @Override
    public Optional<ConsentDocument> find(final String consentId) {
        Checks.nonBlank(consentId, "consentId");
        return sql.read("find consent document", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT subject_ref, document_sha256, encrypted_document"
                    + " FROM consent_documents WHERE consent_id = ?")) {
                ps.setString(1, consentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<ConsentDocument>empty();
                    }
                    final String subjectRef = rs.getString(1);
                    final byte[] key = keys.require(c, subjectRef);
                    try {
                        final byte[] bytes = keys.crypto().open(key, aad(consentId, subjectRef), rs.getBytes(3));
                        if (!Hashes.sha256Hex(bytes).equals(rs.getString(2))) {
                            throw new StoreException("consent document does not match its stored SHA-256");
                        }
                        return Optional.of(new ConsentDocument(consentId, subjectRef, bytes));
                    } finally {
                        Arrays.fill(key, (byte) 0);
                    }
                }
            }
        });
    }

    @Override
    public boolean delete(final String consentId) {
        Checks.nonBlank(consentId, "consentId");
        return sql.run("delete consent document", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM consent_documents WHERE consent_id = ?")) {
                ps.setString(1, consentId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<String> consentIdsOf(final String subjectRef) {
        Checks.subjectRef(subjectRef);
        return sql.read("list consent documents", c -> SqlExecutor.strings(c,
                "SELECT consent_id FROM consent_documents WHERE subject_ref = ? ORDER BY consent_id", subjectRef));
    }
}
