package io.custodia.chaincode.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.chaincode.support.Fields;
import java.util.Set;

/** The dataset's content hash: a Merkle root over its files, with the algorithm that produced it. */
public final class ContentHash {
    /** Algorithms the SDK implements; see docs/hashing.md. */
    public static final Set<String> ALGORITHMS = Set.of("sha256-merkle-v1");

    private final String algorithm;
    private final String root;

    @JsonCreator
    public ContentHash(final String algorithm, final String root) {
        Fields.required("algorithm", algorithm);
        if (!ALGORITHMS.contains(algorithm)) {
            throw new InvalidJsonException("algorithm", "must be one of " + ALGORITHMS);
        }
        this.algorithm = algorithm;
        this.root = Fields.sha256("root", root);
    }

    public String algorithm() {
        return algorithm;
    }

    public String root() {
        return root;
    }
}
