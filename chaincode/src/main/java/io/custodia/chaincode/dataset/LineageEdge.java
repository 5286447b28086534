package io.custodia.chaincode.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Comparator;

/** "child was derived from parent by transformation" (a W3C PROV wasDerivedFrom with its activity). */
public final class LineageEdge {
    static final Comparator<LineageEdge> ORDER =
            Comparator.comparing(LineageEdge::parent).thenComparing(LineageEdge::child);

    private final String parent;
    private final String child;
    private final Transformation transformation;

    @JsonCreator
    public LineageEdge(final String parent, final String child, final Transformation transformation) {
        this.parent = parent;
        this.child = child;
        this.transformation = transformation;
    }

    public String parent() {
        return parent;
    }

    public String child() {
        return child;
    }

    public Transformation transformation() {
        return transformation;
    }
}
