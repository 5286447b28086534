package io.custodia.sdk.client;

import java.util.List;

/**
 * A subject released by a PERMIT, with the pointers to their items.
 *
 * <pre>{@code
 * result.subjects().forEach(s -> s.pointers().forEach(this::download));
 * }</pre>
 *
 * @param subjectRef pseudonym
 * @param pointers URIs of the subject's items
 */
public record ReleasedSubject(String subjectRef, List<String> pointers) {
    public ReleasedSubject {
        pointers = pointers == null ? List.of() : List.copyOf(pointers);
    }
}
