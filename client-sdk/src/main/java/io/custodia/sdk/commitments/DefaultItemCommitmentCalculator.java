package io.custodia.sdk.commitments;

import io.custodia.canonical.Hashes;
import io.custodia.canonical.ItemCommitments;
import io.custodia.canonical.Pseudonyms;
import io.custodia.sdk.manifest.DatasetTree;
import io.custodia.sdk.manifest.Manifest;
import io.custodia.sdk.manifest.ManifestEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Groups manifest leaves by pseudonym, then commits to each group. */
final class DefaultItemCommitmentCalculator implements ItemCommitmentCalculator {
    private final SaltSource saltSource;
    private final SubjectRefSource refSource;
    private final ItemSaltSource itemSalts;

    DefaultItemCommitmentCalculator(final SaltSource saltSource, final SubjectRefSource refSource,
            final ItemSaltSource itemSalts) {
        this.saltSource = saltSource;
        this.refSource = refSource;
        this.itemSalts = itemSalts;
    }

    @Override
    public ItemCommitmentResult compute(final Manifest manifest, final SubjectMapping mapping)
            throws MappingFormatException, SaltUnavailableException {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(mapping, "mapping");
        if (mapping.size() == 0) {
            throw new MappingFormatException("subject mapping lists no file");
        }
        final Map<String, ManifestEntry> entriesByPath = new HashMap<>();
        for (final ManifestEntry entry : manifest.files()) {
            entriesByPath.put(entry.path(), entry);
        }
        for (final SubjectMapping.Row row : mapping.rows()) {
            if (!entriesByPath.containsKey(row.path())) {
                throw new MappingFormatException("subject mapping line " + row.line() + ": " + row.path()
                        + " is not a file of the dataset"
                        + (row.line() == 1 ? " (if line 1 is meant as a header, it must be exactly " + SubjectMapping.HEADER + ")" : ""));
            }
        }
        // One salt lookup per patient, not per file; keyed by patient only inside this method.
        final Map<String, String> refByPatient = new HashMap<>();
        final TreeMap<String, List<ManifestEntry>> entriesByRef = new TreeMap<>();
        final List<String> unmapped = new ArrayList<>();
        for (final ManifestEntry entry : manifest.files()) {
            final SubjectMapping.Row row = mapping.row(entry.path());
            if (row == null) {
                unmapped.add(entry.path());
                continue;
            }
            String ref = refByPatient.get(row.patientId());
            if (ref == null) {
                ref = subjectRef(row);
                refByPatient.put(row.patientId(), ref);
            }
            entriesByRef.computeIfAbsent(ref, k -> new ArrayList<>()).add(entry);
        }
        final TreeMap<String, byte[]> commitments = new TreeMap<>();
        final List<SubjectCommitment> published = new ArrayList<>();
        final List<SubjectItemSalt> salts = new ArrayList<>();
        for (final Map.Entry<String, List<ManifestEntry>> subject : entriesByRef.entrySet()) {
            final String ref = subject.getKey();
            final List<byte[]> leaves = new ArrayList<>();
            final List<String> paths = new ArrayList<>();
            for (final ManifestEntry entry : subject.getValue()) {
                leaves.add(DatasetTree.leafHash(entry));
                paths.add(entry.path());
            }
            final byte[] itemSalt = itemSalts.itemSalt(ref);
            if (itemSalt == null || itemSalt.length != ItemCommitments.SALT_LENGTH) {
                throw new IllegalStateException("item salt source must return " + ItemCommitments.SALT_LENGTH + " bytes");
            }
            final byte[] commitment = ItemCommitments.commitment(itemSalt, ref, DatasetTree.rootOfLeaves(leaves));
            commitments.put(ref, commitment);
            published.add(new SubjectCommitment(ref, Hashes.hex(commitment), leaves.size()));
            salts.add(new SubjectItemSalt(ref, Hashes.hex(itemSalt), paths));
        }
        return new ItemCommitmentResult(
                new ItemCommitmentSet(published, ItemCommitments.root(commitments)), salts, unmapped);
    }

    private String subjectRef(final SubjectMapping.Row row) throws SaltUnavailableException {
        if (refSource != null) {
            final String ref;
            try {
                ref = refSource.subjectRef(row.patientId());
            } catch (SaltUnavailableException e) {
                throw new SaltUnavailableException("no subjectRef for the patient on mapping line " + row.line() + ": "
                        + e.getMessage(), e);
            }
            if (!Pseudonyms.isSubjectRef(ref)) {
                throw new SaltUnavailableException("subjectRef for the patient on mapping line " + row.line()
                        + " is not 64 lower-case hex characters");
            }
            return ref;
        }
        final byte[] salt;
        try {
            salt = saltSource.subjectSalt(row.patientId());
        } catch (SaltUnavailableException e) {
            throw new SaltUnavailableException("no subject salt for the patient on mapping line " + row.line()
                    + ": " + e.getMessage(), e);
        }
        if (salt == null || salt.length < 16) {
            throw new SaltUnavailableException("subject salt for the patient on mapping line " + row.line()
                    + " is missing or shorter than 16 bytes");
        }
        return Pseudonyms.subjectRef(salt, row.patientId());
    }

    static final class DefaultBuilder implements ItemCommitmentCalculator.Builder {
        private SaltSource saltSource;
        private SubjectRefSource refSource;
        private ItemSaltSource itemSalts = ItemSaltSource.secureRandom();

        @Override
        public Builder saltSource(final SaltSource source) {
            this.saltSource = Objects.requireNonNull(source, "source");
            return this;
        }

        @Override
        public Builder subjectRefs(final SubjectRefSource source) {
            this.refSource = Objects.requireNonNull(source, "source");
            return this;
        }

        @Override
        public Builder itemSalts(final ItemSaltSource source) {
            this.itemSalts = Objects.requireNonNull(source, "source");
            return this;
        }

        @Override
        public ItemCommitmentCalculator build() {
            if ((saltSource == null) == (refSource == null)) {
                throw new IllegalStateException("exactly one of saltSource and subjectRefs is required");
            }
            return new DefaultItemCommitmentCalculator(saltSource, refSource, itemSalts);
        }
    }
}
