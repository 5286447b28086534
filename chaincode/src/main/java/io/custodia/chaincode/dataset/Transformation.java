package io.custodia.chaincode.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.chaincode.support.Fields;

/** The transformation that derived a dataset: tool name and version, and the hash of its parameters. */
public final class Transformation {
    private final String name;
    private final String version;
    private final String parametersHash;

    @JsonCreator
    public Transformation(final String name, final String version, final String parametersHash) {
        this.name = Fields.token("name", name);
        this.version = Fields.token("version", version);
        this.parametersHash = Fields.sha256("parametersHash", parametersHash);
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String parametersHash() {
        return parametersHash;
    }
}
