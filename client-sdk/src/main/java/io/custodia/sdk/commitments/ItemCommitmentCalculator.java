package io.custodia.sdk.commitments;

import io.custodia.sdk.manifest.Manifest;

/**
 * Computes per-subject item commitments for a hashed dataset on the owner's machine.
 *
 * <p>For each patient in the mapping: {@code subjectRef = Pseudonyms.subjectRef(subjectSalt, patientId)}
 * with the salt from the {@link SaltSource}; the subject's items root is the RFC 6962 root over the
 * manifest leaves of its files (canonical order); the commitment is
 * {@link io.custodia.canonical.ItemCommitments#commitment} over a fresh 32-byte item salt, the subjectRef
 * and that root. See {@code docs/hashing.md}.
 *
 * <pre>{@code
 * ItemCommitmentCalculator calc = ItemCommitmentCalculator.builder()
 *         .saltSource(registrySalts)
 *         .build();
 * ItemCommitmentResult r = calc.compute(datasetHash.manifest(), SubjectMapping.read(csv));
 * }</pre>
 */
public interface ItemCommitmentCalculator {
    static Builder builder() {
        return new DefaultItemCommitmentCalculator.DefaultBuilder();
    }

    /**
     * Computes commitments for every subject in {@code mapping}.
     *
     * @throws MappingFormatException when a mapped path is not in the manifest or nothing is mapped
     * @throws SaltUnavailableException when a subject salt cannot be obtained (names the mapping line)
     */
    ItemCommitmentResult compute(Manifest manifest, SubjectMapping mapping)
            throws MappingFormatException, SaltUnavailableException;

    /** Configures an {@link ItemCommitmentCalculator}. */
    interface Builder {
        /** Where subject salts come from; the calculator derives subjectRefs from them. */
        Builder saltSource(SaltSource source);

        /**
         * Where subjectRefs come from directly, e.g. the gateway's {@code POST /api/v1/subjects/pseudonyms}
         * (which keeps the salts to itself). Exactly one of this and {@link #saltSource} is required.
         */
        Builder subjectRefs(SubjectRefSource source);

        /** Where item salts come from; default {@link ItemSaltSource#secureRandom()}. */
        Builder itemSalts(ItemSaltSource source);

        ItemCommitmentCalculator build();
    }
}
