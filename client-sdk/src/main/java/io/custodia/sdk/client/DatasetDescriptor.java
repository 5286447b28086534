package io.custodia.sdk.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What is registered on the ledger about a dataset (the chaincode's {@code DatasetDescriptor}): hashes,
 * sizes, format, provenance, licence, DUO use restrictions, intended task. Never patient identifiers,
 * storage locations or salts.
 *
 * <pre>{@code
 * DatasetDescriptor d = DatasetDescriptor.builder("ds-001")
 *         .contentHash(ContentHash.merkle(hash.root()))
 *         .manifestHash(hash.manifestHash())
 *         .itemCommitmentRoot(items.published().itemCommitmentRoot())
 *         .counts(items.published().itemCount(), hash.fileCount(), hash.totalBytes())
 *         .format("DICOM").deidentificationProfile("dicom-ps3.15-basic").license("CC-BY-4.0")
 *         .useRestrictions(new UseRestrictions(DuoTerm.of("HMB"), List.of()))
 *         .build();
 * }</pre>
 *
 * @param datasetId ledger ID
 * @param version dataset version label
 * @param contentHash Merkle root
 * @param manifestHash SHA-256 hex of the canonical manifest
 * @param itemCommitmentRoot root over per-subject item commitments
 * @param itemCount files mapped to subjects
 * @param fileCount files in the dataset
 * @param byteSize total bytes
 * @param format e.g. {@code DICOM}, {@code NIFTI}, {@code CSV}, {@code OTHER}
 * @param modality e.g. {@code CT}
 * @param contextTags free tags (tokens, never personal data)
 * @param provenance how it was collected
 * @param deidentificationProfile the de-identification profile applied
 * @param license SPDX licence identifier
 * @param persistentId DOI, ARK or Handle
 * @param useRestrictions DUO use restrictions
 * @param intendedTask the task the data was curated for
 * @param qualityFlags quality annotations
 * @param derivation parents, for a derived dataset
 */
public record DatasetDescriptor(String datasetId, String version, ContentHash contentHash, String manifestHash,
        String itemCommitmentRoot, long itemCount, long fileCount, long byteSize, String format,
        Optional<String> modality, List<String> contextTags, Optional<CollectionProvenance> provenance,
        String deidentificationProfile, String license, Optional<String> persistentId,
        UseRestrictions useRestrictions, Optional<String> intendedTask, Map<String, String> qualityFlags,
        Optional<Derivation> derivation) {
    public DatasetDescriptor {
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(contentHash, "contentHash");
        modality = modality == null ? Optional.empty() : modality;
        contextTags = contextTags == null ? List.of() : List.copyOf(contextTags);
        provenance = provenance == null ? Optional.empty() : provenance;
        persistentId = persistentId == null ? Optional.empty() : persistentId;
        intendedTask = intendedTask == null ? Optional.empty() : intendedTask;
        qualityFlags = qualityFlags == null ? Map.of() : Map.copyOf(qualityFlags);
        derivation = derivation == null ? Optional.empty() : derivation;
    }

    /** A builder for a new descriptor. */
    public static DatasetDescriptorBuilder builder(final String datasetId) {
        return new DatasetDescriptorBuilder(datasetId);
    }
}
