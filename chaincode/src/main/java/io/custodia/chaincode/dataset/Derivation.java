package io.custodia.chaincode.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.chaincode.support.Fields;
import java.util.List;

/** Where a derived dataset came from: one or more parent datasets and the transformation applied. */
public final class Derivation {
    public static final int MAX_PARENTS = 16;

    private final List<String> parents;
    private final Transformation transformation;

    @JsonCreator
    public Derivation(final List<String> parents, final Transformation transformation) {
        if (parents == null || parents.isEmpty()) {
            throw new InvalidJsonException("parents", "a derived dataset needs at least one parent");
        }
        this.parents = Fields.sortedDistinct("parents", parents, MAX_PARENTS, Fields::id);
        this.transformation = Fields.required("transformation", transformation);
    }

    public List<String> parents() {
        return parents;
    }

    public Transformation transformation() {
        return transformation;
    }
}
