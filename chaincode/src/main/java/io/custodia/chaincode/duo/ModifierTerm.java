package io.custodia.chaincode.duo;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.chaincode.support.Fields;
import java.util.List;

/** A modifier with its parameters: {@code until} for TS, {@code institutions} for IS. */
public final class ModifierTerm {
    private final DuoModifier code;
    private final String until;
    private final List<String> institutions;

    @JsonCreator
    public ModifierTerm(final DuoModifier code, final String until, final List<String> institutions) {
        if (code == null) {
            throw new InvalidJsonException("code", "is required");
        }
        if (code == DuoModifier.TS) {
            Fields.instant("until", until);
        } else if (until != null) {
            throw new InvalidJsonException("until", "only TS takes an end date");
        }
        if (code == DuoModifier.IS) {
            if (institutions == null || institutions.isEmpty()) {
                throw new InvalidJsonException("institutions", "IS needs at least one institution MSP ID");
            }
        } else if (institutions != null) {
            throw new InvalidJsonException("institutions", "only IS takes institutions");
        }
        this.code = code;
        this.until = until;
        this.institutions = institutions == null ? null : Fields.sortedDistinct("institutions", institutions, 64, Fields::mspId);
    }

    public DuoModifier code() {
        return code;
    }

    /** End of the time limit (TS), ISO-8601; {@code null} otherwise. */
    public String until() {
        return until;
    }

    /** Allowed institutions (IS), sorted; {@code null} otherwise. */
    public List<String> institutions() {
        return institutions;
    }
}
