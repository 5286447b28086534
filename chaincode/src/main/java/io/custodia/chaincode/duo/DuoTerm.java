package io.custodia.chaincode.duo;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.canonical.InvalidJsonException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A permission term with its disease when it is {@link DuoPermission#DS}: a dataset's primary use
 * restriction, a consented purpose or a requested purpose.
 */
public final class DuoTerm implements Comparable<DuoTerm> {
    /** An ontology CURIE such as {@code MONDO:0005148} or {@code DOID:9352}. */
    public static final Pattern DISEASE = Pattern.compile("[A-Z][A-Za-z]{1,15}:[0-9A-Za-z_]{1,32}");

    private final DuoPermission code;
    private final String disease;

    @JsonCreator
    public DuoTerm(final DuoPermission code, final String disease) {
        if (code == null) {
            throw new InvalidJsonException("code", "is required (one of NRES, GRU, HMB, DS, POA)");
        }
        if (code == DuoPermission.DS) {
            if (disease == null || !DISEASE.matcher(disease).matches()) {
                throw new InvalidJsonException("disease", "DS needs a disease ontology term such as MONDO:0005148");
            }
        } else if (disease != null) {
            throw new InvalidJsonException("disease", "only DS takes a disease");
        }
        this.code = code;
        this.disease = disease;
    }

    public static DuoTerm of(final DuoPermission code) {
        return new DuoTerm(code, null);
    }

    public DuoPermission code() {
        return code;
    }

    /** The disease term; {@code null} unless the code is DS. */
    public String disease() {
        return disease;
    }

    @Override
    public int compareTo(final DuoTerm o) {
        final int byCode = code.compareTo(o.code);
        return byCode != 0 ? byCode : String.valueOf(disease).compareTo(String.valueOf(o.disease));
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DuoTerm && ((DuoTerm) o).code == code && Objects.equals(((DuoTerm) o).disease, disease);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, disease);
    }

    @Override
    public String toString() {
        return disease == null ? code.name() : code.name() + "(" + disease + ")";
    }
}
