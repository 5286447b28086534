package io.custodia.gateway.access;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.Hashes;
import io.custodia.gateway.config.GatewaySecrets;
import io.custodia.gateway.ledger.Committed;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.gateway.store.DatasetPointer;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.store.StoreConfig;
import io.custodia.gateway.store.SubjectItems;
import io.custodia.gateway.testing.RunningGateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test setup written directly against the gateway's ledger client and off-chain store (the dataset
 * and consent endpoints live on other branches): datasets with per-subject pointers, consents,
 * revocations, erasure receipts and delegations, plus access-request bodies.
 */
public final class AccessScenario {
    /** Datasets are HMB with NPU (not-for-profit use only), for this task. */
    public static final String TASK = "segmentation:lung-nodule";

    private final LedgerClient ledger;
    private final OffChainStore store;
    private final GatewaySecrets secrets;
    private final Path storeFile;

    public AccessScenario(final RunningGateway gateway) {
        this.ledger = gateway.gateway().ledger();
        this.store = gateway.gateway().store();
        this.storeFile = gateway.dataDir().resolve("store").resolve(StoreConfig.SQLITE_FILE);
        this.secrets = GatewaySecrets.loadOrCreate(gateway.dataDir().resolve("keys/pepper.hex"),
                gateway.dataDir().resolve("keys/store-kek.hex"));
    }

    /** A fresh ID with {@code prefix}, unique across tests sharing one gateway. */
    public static String unique(final String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** The subject reference of {@code patientId} at {@code institution}, registering the patient as the pseudonym endpoint does. */
    public String patient(final String institution, final String patientId) {
        return store.subjects().registerOrGet(secrets.institutionPepper(institution), patientId).subjectRef();
    }

    /** {@code count} freshly registered patients of {@code institution}. */
    public List<String> patients(final String institution, final int count) {
        final List<String> refs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            refs.add(patient(institution, unique("mrn")));
        }
        return refs;
    }

    /** Registers the dataset on the ledger and its storage URI and per-subject pointers in the store. */
    public void registerDataset(final String owner, final String datasetId, final List<String> subjectRefs) throws LedgerException {
        ledger.submit(LedgerCaller.institution(owner), "datasets:RegisterDataset", datasetJson(datasetId, subjectRefs.size()),
                CanonicalJson.toString(subjectRefs.stream().sorted().toList()));
        store.datasets().put(new DatasetPointer(datasetId, storageUri(datasetId), owner));
        for (final String subjectRef : subjectRefs) {
            store.items().put(new SubjectItems(datasetId, subjectRef, pointers(datasetId, subjectRef),
                    Hashes.sha256(("salt-" + subjectRef).getBytes(StandardCharsets.UTF_8))));
        }
    }

    public static String storageUri(final String datasetId) {
        return "s3://custodia-test/" + datasetId + "/";
    }

    /** The pointers {@link #registerDataset} stores for a subject. */
    public static List<String> pointers(final String datasetId, final String subjectRef) {
        return List.of("s3://custodia-test/" + datasetId + "/" + subjectRef.substring(0, 8) + "/ct-1.dcm",
                "s3://custodia-test/" + datasetId + "/" + subjectRef.substring(0, 8) + "/ct-2.dcm");
    }

    /** The subject consents, through its institution {@code owner}, to HMB research by {@code grantee} on every dataset of {@code owner}. */
    public String consent(final String owner, final String subjectRef, final String grantee) throws LedgerException {
        final String consentId = unique("consent");
        final Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("consentId", consentId);
        consent.put("subjectRef", subjectRef);
        consent.put("grantor", Map.of("kind", "SUBJECT"));
        consent.put("scope", Map.of("kind", "INSTITUTION", "institution", owner));
        consent.put("purposes", List.of(Map.of("code", "HMB")));
        consent.put("grantees", List.of(grantee));
        consent.put("validFrom", "2025-01-01T00:00:00Z");
        consent.put("documentHash", Hashes.sha256Hex("consent-document-" + consentId));
        ledger.submit(LedgerCaller.institution(owner), "consents:GrantConsent", CanonicalJson.toString(consent));
        return consentId;
    }

    public void revoke(final String owner, final String consentId) throws LedgerException {
        ledger.submit(LedgerCaller.institution(owner), "consents:RevokeConsent", consentId,
                CanonicalJson.toString(Map.of("by", Map.of("kind", "SUBJECT"))));
    }

    /** Records an erasure receipt for a subject whose consent was revoked; returns the receipt ID. */
    public String recordErasure(final String owner, final String subjectRef, final String datasetId, final String consentId)
            throws LedgerException {
        final String receiptId = unique("erasure");
        final Committed c = ledger.submit(LedgerCaller.institution(owner), "erasures:RecordErasure", CanonicalJson.toString(Map.of(
                "receiptId", receiptId, "subjectRef", subjectRef, "datasetIds", List.of(datasetId),
                "destroyedPointerSetHash", Hashes.sha256Hex("destroyed-" + receiptId), "consentIds", List.of(consentId))));
        if (c.payload().length == 0) {
            throw new AssertionError("erasure receipt not returned");
        }
        return receiptId;
    }

    /** Registers a guardian delegation of {@code proxyRef} for {@code subjectRef}, recorded by {@code institution}. */
    public String delegate(final String institution, final String subjectRef, final String proxyRef) throws LedgerException {
        final String delegationId = unique("delegation");
        final Map<String, Object> delegation = new LinkedHashMap<>();
        delegation.put("delegationId", delegationId);
        delegation.put("subjectRef", subjectRef);
        delegation.put("proxyRef", proxyRef);
        delegation.put("kind", "GUARDIAN");
        delegation.put("scope", Map.of("grant", true, "revoke", true));
        delegation.put("validFrom", "2025-01-01T00:00:00Z");
        delegation.put("documentHash", Hashes.sha256Hex("delegation-document-" + delegationId));
        ledger.submit(LedgerCaller.institution(institution), "delegations:RegisterDelegation", CanonicalJson.toString(delegation));
        return delegationId;
    }

    /** A valid access-request body (HMB, not commercial, not for profit) for {@code datasetId}, as a mutable map. */
    public static Map<String, Object> request(final String datasetId) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("datasetId", datasetId);
        body.put("purpose", Map.of("code", "HMB"));
        body.put("commercial", false);
        body.put("forProfit", false);
        body.put("methodsDevelopment", false);
        body.put("geneticStudy", false);
        body.put("task", TASK);
        return body;
    }

    /** Transactions on the ledger so far (to prove a refused request wrote nothing). */
    public long transactionCount() throws LedgerException {
        return ledger.status().transactionCount();
    }

    /** A plain connection to the gateway's SQLite store, to look at or plant rows as stored. */
    public Connection storeDatabase() throws SQLException {
        final Connection c = DriverManager.getConnection("jdbc:sqlite:" + storeFile);
        c.createStatement().execute("PRAGMA busy_timeout = 30000");
        return c;
    }

    /** The keys of the released sets {@code subjectRef} belongs to in the disclosure index. */
    public List<String> releasedSetKeysOf(final String subjectRef) throws SQLException {
        final List<String> keys = new ArrayList<>();
        try (Connection c = storeDatabase(); PreparedStatement ps = c.prepareStatement("SELECT s.set_key FROM released_sets s"
                + " JOIN released_set_members m ON m.set_id = s.set_id WHERE m.subject_ref = ?")) {
            ps.setString(1, subjectRef);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }

    public OffChainStore store() {
        return store;
    }

    public LedgerClient ledger() {
        return ledger;
    }

    /** A complete dataset descriptor (HMB + NPU, {@link #TASK}) with item and file counts for {@code subjects}. */
    public static String datasetJson(final String datasetId, final int subjects) {
        final Map<String, Object> d = new LinkedHashMap<>();
        d.put("datasetId", datasetId);
        d.put("version", "1.0.0");
        d.put("contentHash", Map.of("algorithm", "sha256-merkle-v1", "root", Hashes.sha256Hex("content-" + datasetId)));
        d.put("manifestHash", Hashes.sha256Hex("manifest-" + datasetId));
        d.put("itemCommitmentRoot", Hashes.sha256Hex("items-" + datasetId));
        d.put("itemCount", subjects * 2L);
        d.put("fileCount", subjects * 2L);
        d.put("byteSize", 123456L);
        d.put("format", "DICOM");
        d.put("modality", "ct");
        d.put("contextTags", List.of("intent:diagnostic"));
        d.put("provenance", Map.of("sourceSystems", List.of("pacs:test"), "collectedFrom", "2024-01-01T00:00:00Z",
                "collectedUntil", "2024-12-31T00:00:00Z", "process", "routine-care", "interfaceVersion", "dicomweb-1.0"));
        d.put("deidentificationProfile", "dicom-ps3.15-basic");
        d.put("license", "CC-BY-4.0");
        d.put("useRestrictions", Map.of("permission", Map.of("code", "HMB"), "modifiers", List.of(Map.of("code", "NPU"))));
        d.put("intendedTask", TASK);
        return CanonicalJson.toString(d);
    }
}
