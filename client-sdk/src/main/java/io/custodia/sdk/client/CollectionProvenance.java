package io.custodia.sdk.client;

import java.util.List;
import java.util.Optional;

/**
 * How a dataset was collected: source systems or devices, collection period, process, interface version.
 *
 * <pre>{@code
 * CollectionProvenance p = new CollectionProvenance(List.of("PACS-1"), Optional.of("2024-01-01T00:00:00Z"),
 *         Optional.empty(), Optional.of("routine-care"), Optional.empty());
 * }</pre>
 *
 * @param sourceSystems systems or devices the data came from
 * @param collectedFrom start of collection, ISO-8601 instant
 * @param collectedUntil end of collection, ISO-8601 instant
 * @param process collecting process
 * @param interfaceVersion version of the export interface
 */
public record CollectionProvenance(List<String> sourceSystems, Optional<String> collectedFrom,
        Optional<String> collectedUntil, Optional<String> process, Optional<String> interfaceVersion) {
    public CollectionProvenance {
        sourceSystems = sourceSystems == null ? List.of() : List.copyOf(sourceSystems);
        collectedFrom = collectedFrom == null ? Optional.empty() : collectedFrom;
        collectedUntil = collectedUntil == null ? Optional.empty() : collectedUntil;
        process = process == null ? Optional.empty() : process;
        interfaceVersion = interfaceVersion == null ? Optional.empty() : interfaceVersion;
    }
}
