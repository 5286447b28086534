package io.custodia.chaincode.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.chaincode.support.Fields;
import java.util.List;

/**
 * How the data was collected: source systems or devices, the collection period, the collecting
 * process and the interface version. Tokens only, never free text.
 */
public final class CollectionProvenance {
    private final List<String> sourceSystems;
    private final String collectedFrom;
    private final String collectedUntil;
    private final String process;
    private final String interfaceVersion;

    @JsonCreator
    public CollectionProvenance(
            final List<String> sourceSystems,
            final String collectedFrom,
            final String collectedUntil,
            final String process,
            final String interfaceVersion) {
        this.sourceSystems = Fields.sortedDistinct("sourceSystems", sourceSystems, 32, Fields::token);
        this.collectedFrom = collectedFrom == null ? null : Fields.instant("collectedFrom", collectedFrom).toString();
        this.collectedUntil = collectedUntil == null ? null : Fields.instant("collectedUntil", collectedUntil).toString();
        if (collectedFrom != null && collectedUntil != null
                && Fields.instant("collectedUntil", collectedUntil).isBefore(Fields.instant("collectedFrom", collectedFrom))) {
            throw new InvalidJsonException("collectedUntil", "must not be before collectedFrom");
        }
        this.process = process == null ? null : Fields.token("process", process);
        this.interfaceVersion = interfaceVersion == null ? null : Fields.token("interfaceVersion", interfaceVersion);
    }

    public List<String> sourceSystems() {
        return sourceSystems;
    }

    public String collectedFrom() {
        return collectedFrom;
    }

    public String collectedUntil() {
        return collectedUntil;
    }

    public String process() {
        return process;
    }

    public String interfaceVersion() {
        return interfaceVersion;
    }
}
