package io.custodia.sdk.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Assembles a {@link DatasetDescriptor} field by field; required fields are checked by the gateway,
 * which names each missing one.
 *
 * <pre>{@code
 * DatasetDescriptor d = DatasetDescriptor.builder("ds-001").version("1").format("CSV").license("CC0-1.0")
 *         .contentHash(ContentHash.merkle(root)).build();
 * }</pre>
 */
public final class DatasetDescriptorBuilder {
    private final String datasetId;
    private String version = "1";
    private ContentHash contentHash;
    private String manifestHash;
    private String itemCommitmentRoot;
    private long itemCount;
    private long fileCount;
    private long byteSize;
    private String format;
    private String modality;
    private final List<String> contextTags = new ArrayList<>();
    private CollectionProvenance provenance;
    private String deidentificationProfile;
    private String license;
    private String persistentId;
    private UseRestrictions useRestrictions;
    private String intendedTask;
    private final Map<String, String> qualityFlags = new LinkedHashMap<>();
    private Derivation derivation;

    DatasetDescriptorBuilder(final String datasetId) {
        this.datasetId = Objects.requireNonNull(datasetId, "datasetId");
    }

    public DatasetDescriptorBuilder version(final String value) {
        this.version = value;
        return this;
    }

    public DatasetDescriptorBuilder contentHash(final ContentHash value) {
        this.contentHash = value;
        return this;
    }

    public DatasetDescriptorBuilder manifestHash(final String value) {
        this.manifestHash = value;
        return this;
    }

    public DatasetDescriptorBuilder itemCommitmentRoot(final String value) {
        this.itemCommitmentRoot = value;
        return this;
    }

    /** Items mapped to subjects, files in the dataset, total bytes. */
    public DatasetDescriptorBuilder counts(final long items, final long files, final long bytes) {
        this.itemCount = items;
        this.fileCount = files;
        this.byteSize = bytes;
        return this;
    }

    public DatasetDescriptorBuilder format(final String value) {
        this.format = value;
        return this;
    }

    public DatasetDescriptorBuilder modality(final String value) {
        this.modality = value;
        return this;
    }

    public DatasetDescriptorBuilder contextTag(final String value) {
        this.contextTags.add(Objects.requireNonNull(value, "value"));
        return this;
    }

    public DatasetDescriptorBuilder provenance(final CollectionProvenance value) {
        this.provenance = value;
        return this;
    }

    public DatasetDescriptorBuilder deidentificationProfile(final String value) {
        this.deidentificationProfile = value;
        return this;
    }

    public DatasetDescriptorBuilder license(final String value) {
        this.license = value;
        return this;
    }

    public DatasetDescriptorBuilder persistentId(final String value) {
        this.persistentId = value;
        return this;
    }

    public DatasetDescriptorBuilder useRestrictions(final UseRestrictions value) {
        this.useRestrictions = value;
        return this;
    }

    public DatasetDescriptorBuilder intendedTask(final String value) {
        this.intendedTask = value;
        return this;
    }

    public DatasetDescriptorBuilder qualityFlag(final String key, final String value) {
        this.qualityFlags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    public DatasetDescriptorBuilder derivation(final Derivation value) {
        this.derivation = value;
        return this;
    }

    public DatasetDescriptor build() {
        return new DatasetDescriptor(datasetId, version, contentHash, manifestHash, itemCommitmentRoot, itemCount,
                fileCount, byteSize, format, Optional.ofNullable(modality), contextTags, Optional.ofNullable(provenance),
                deidentificationProfile, license, Optional.ofNullable(persistentId), useRestrictions,
                Optional.ofNullable(intendedTask), qualityFlags, Optional.ofNullable(derivation));
    }
}
