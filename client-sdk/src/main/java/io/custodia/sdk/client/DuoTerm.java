package io.custodia.sdk.client;

import java.util.Objects;
import java.util.Optional;

/**
 * A GA4GH DUO permission term ({@code GRU}, {@code HMB}, {@code DS}, {@code POA}, {@code NRES}) with the
 * disease for {@code DS}.
 *
 * <pre>{@code
 * DuoTerm purpose = DuoTerm.of("HMB");
 * DuoTerm diseaseSpecific = new DuoTerm("DS", Optional.of("MONDO:0005015"));
 * }</pre>
 *
 * @param code DUO permission code
 * @param disease disease ontology term, for {@code DS}
 */
public record DuoTerm(String code, Optional<String> disease) {
    public DuoTerm {
        Objects.requireNonNull(code, "code");
        disease = disease == null ? Optional.empty() : disease;
    }

    /** A term without disease. */
    public static DuoTerm of(final String code) {
        return new DuoTerm(code, Optional.empty());
    }

    /** {@code HMB} or {@code DS(MONDO:...)}. */
    public String display() {
        return disease.map(d -> code + "(" + d + ")").orElse(code);
    }
}
