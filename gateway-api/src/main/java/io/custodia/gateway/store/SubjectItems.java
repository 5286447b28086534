package io.custodia.gateway.store;

import java.util.List;

/**
 * The item pointers of one subject in one dataset and the item salt used for that subject's
 * on-chain item commitments. Both are personal: stored encrypted under the subject's data key and
 * destroyed by erasure.
 */
public record SubjectItems(String datasetId, String subjectRef, List<String> pointers, byte[] itemSalt) {
    /** Validates and defensively copies. */
    public SubjectItems {
        Checks.nonBlank(datasetId, "datasetId");
        Checks.subjectRef(subjectRef);
        pointers = List.copyOf(Checks.notNull(pointers, "pointers"));
        for (final String pointer : pointers) {
            Checks.nonBlank(pointer, "pointers[]");
        }
        itemSalt = Checks.notNull(itemSalt, "itemSalt").clone();
        if (itemSalt.length < 16) {
            throw new IllegalArgumentException("itemSalt must be at least 16 bytes");
        }
    }

    /** A copy of the item salt. */
    @Override
    public byte[] itemSalt() {
        return itemSalt.clone();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof SubjectItems s && s.datasetId.equals(datasetId) && s.subjectRef.equals(subjectRef)
                && s.pointers.equals(pointers) && java.util.Arrays.equals(s.itemSalt, itemSalt);
    }

    @Override
    public int hashCode() {
        return datasetId.hashCode() * 31 + subjectRef.hashCode();
    }

    @Override
    public String toString() {
        // Pointers and salt are personal: never in logs.
        return "SubjectItems[" + datasetId + ", " + subjectRef + ", " + pointers.size() + " pointers]";
    }
}
