package io.custodia.sdk.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a consent covers: named datasets, or every dataset of one institution.
 *
 * <pre>{@code
 * ConsentScope some = ConsentScope.datasets(List.of("ds-001"));
 * ConsentScope all = ConsentScope.institution("Org1MSP");
 * }</pre>
 *
 * @param kind {@code DATASETS} or {@code INSTITUTION}
 * @param datasetIds for {@code DATASETS}
 * @param institution for {@code INSTITUTION}
 */
public record ConsentScope(
        String kind,
        // Left out when empty: the gateway refuses a datasetIds member on an INSTITUTION scope.
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> datasetIds,
        Optional<String> institution) {
    public ConsentScope {
        Objects.requireNonNull(kind, "kind");
        datasetIds = datasetIds == null ? List.of() : List.copyOf(datasetIds);
        institution = institution == null ? Optional.empty() : institution;
    }

    public static ConsentScope datasets(final List<String> datasetIds) {
        return new ConsentScope("DATASETS", datasetIds, Optional.empty());
    }

    public static ConsentScope institution(final String mspId) {
        return new ConsentScope("INSTITUTION", List.of(), Optional.of(mspId));
    }
}
