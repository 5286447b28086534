package io.custodia.chaincode.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.chaincode.duo.UseRestrictions;
import io.custodia.chaincode.support.Fields;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything that describes a de-identified dataset on the ledger, as its owner registers it:
 * hashes and sizes, format, clinical context, collection provenance, de-identification profile,
 * licence, persistent identifier, DUO use restrictions, intended task, quality flags and, for a
 * derived dataset, its derivation.
 *
 * <p>Holds no pointer, salt or free text: storage locations live off-chain in the gateway.
 */
public final class DatasetDescriptor {
    public static final int MAX_TAGS = 32;
    public static final int MAX_QUALITY_FLAGS = 32;
    /** SPDX licence identifiers and expressions' atoms such as {@code CC-BY-4.0} or {@code LicenseRef-x}. */
    public static final Pattern SPDX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+-]{0,63}");
    /** DOI, ARK or Handle persistent identifiers, as CURIE-like strings. */
    public static final Pattern PERSISTENT_ID = Pattern.compile("(doi:10\\.[0-9]{4,9}|ark:/?[0-9]{5}|hdl:[0-9.]{1,32})/[A-Za-z0-9._;()/:-]{1,200}");

    private final String datasetId;
    private final String version;
    private final ContentHash contentHash;
    private final String manifestHash;
    private final String itemCommitmentRoot;
    private final long itemCount;
    private final long fileCount;
    private final long byteSize;
    private final DatasetFormat format;
    private final String modality;
    private final List<String> contextTags;
    private final CollectionProvenance provenance;
    private final String deidentificationProfile;
    private final String license;
    private final String persistentId;
    private final UseRestrictions useRestrictions;
    private final String intendedTask;
    private final Map<String, String> qualityFlags;
    private final Derivation derivation;

    @JsonCreator
    public DatasetDescriptor(
            final String datasetId,
            final String version,
            final ContentHash contentHash,
            final String manifestHash,
            final String itemCommitmentRoot,
            final long itemCount,
            final long fileCount,
            final long byteSize,
            final DatasetFormat format,
            final String modality,
            final List<String> contextTags,
            final CollectionProvenance provenance,
            final String deidentificationProfile,
            final String license,
            final String persistentId,
            final UseRestrictions useRestrictions,
            final String intendedTask,
            final Map<String, String> qualityFlags,
            final Derivation derivation) {
        this.datasetId = Fields.id("datasetId", datasetId);
        this.version = Fields.token("version", version);
        this.contentHash = Fields.required("contentHash", contentHash);
        this.manifestHash = Fields.sha256("manifestHash", manifestHash);
        this.itemCommitmentRoot = Fields.sha256("itemCommitmentRoot", itemCommitmentRoot);
        this.itemCount = Fields.nonNegative("itemCount", itemCount);
        this.fileCount = Fields.nonNegative("fileCount", fileCount);
        this.byteSize = Fields.nonNegative("byteSize", byteSize);
        this.format = Fields.required("format", format);
        this.modality = modality == null ? null : Fields.token("modality", modality);
        this.contextTags = Fields.sortedDistinct("contextTags", contextTags, MAX_TAGS, Fields::token);
        this.provenance = provenance;
        this.deidentificationProfile = Fields.token("deidentificationProfile", deidentificationProfile);
        Fields.required("license", license);
        if (!SPDX.matcher(license).matches()) {
            throw new InvalidJsonException("license", "must be an SPDX licence identifier such as CC-BY-4.0");
        }
        this.license = license;
        if (persistentId != null && !PERSISTENT_ID.matcher(persistentId).matches()) {
            throw new InvalidJsonException("persistentId", "must be a DOI (doi:10.x/y), ARK or Handle");
        }
        this.persistentId = persistentId;
        this.useRestrictions = Fields.required("useRestrictions", useRestrictions);
        this.intendedTask = intendedTask == null ? null : Fields.token("intendedTask", intendedTask);
        this.qualityFlags = qualityFlags(qualityFlags);
        this.derivation = derivation;
    }

    private static Map<String, String> qualityFlags(final Map<String, String> flags) {
        if (flags == null) {
            return Map.of();
        }
        if (flags.size() > MAX_QUALITY_FLAGS) {
            throw new InvalidJsonException("qualityFlags", "must have at most " + MAX_QUALITY_FLAGS + " entries");
        }
        final TreeMap<String, String> sorted = new TreeMap<>();
        flags.forEach((k, v) -> sorted.put(Fields.token("qualityFlags", k), Fields.token("qualityFlags." + k, v)));
        return java.util.Collections.unmodifiableMap(sorted);
    }

    public String datasetId() {
        return datasetId;
    }

    public String version() {
        return version;
    }

    public ContentHash contentHash() {
        return contentHash;
    }

    public String manifestHash() {
        return manifestHash;
    }

    public String itemCommitmentRoot() {
        return itemCommitmentRoot;
    }

    public long itemCount() {
        return itemCount;
    }

    public long fileCount() {
        return fileCount;
    }

    public long byteSize() {
        return byteSize;
    }

    public DatasetFormat format() {
        return format;
    }

    public String modality() {
        return modality;
    }

    public List<String> contextTags() {
        return contextTags;
    }

    public CollectionProvenance provenance() {
        return provenance;
    }

    public String deidentificationProfile() {
        return deidentificationProfile;
    }

    public String license() {
        return license;
    }

    public String persistentId() {
        return persistentId;
    }

    public UseRestrictions useRestrictions() {
        return useRestrictions;
    }

    public String intendedTask() {
        return intendedTask;
    }

    public Map<String, String> qualityFlags() {
        return qualityFlags;
    }

    /** The derivation, or {@code null} for an original dataset. */
    public Derivation derivation() {
        return derivation;
    }
}
