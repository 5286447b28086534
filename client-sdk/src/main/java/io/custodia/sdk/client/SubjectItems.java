package io.custodia.sdk.client;

import java.util.List;
import java.util.Objects;

/**
 * One subject's off-chain part of a registration: pseudonym, item salt (hex, at least 16 bytes) and
 * pointers to the subject's items. Salts and pointers are stored off-chain, encrypted per subject, and
 * destroyed on erasure; only {@code subjectRef} reaches the ledger.
 *
 * <pre>{@code
 * new SubjectItems(salt.subjectRef(), salt.itemSaltHex(), List.of("s3://bucket/study/p1/scan1.dcm"));
 * }</pre>
 *
 * @param subjectRef hex pseudonym
 * @param itemSalt hex item salt of the subject's commitment
 * @param pointers URIs or relative paths of the subject's items
 */
public record SubjectItems(String subjectRef, String itemSalt, List<String> pointers) {
    public SubjectItems {
        Objects.requireNonNull(subjectRef, "subjectRef");
        Objects.requireNonNull(itemSalt, "itemSalt");
        pointers = List.copyOf(pointers);
    }

    @Override
    public String toString() {
        return "SubjectItems[subjectRef=" + subjectRef + ", itemSalt=<hidden>, " + pointers.size() + " pointers]";
    }
}
