package io.custodia.sdk.client;

import java.util.List;
import java.util.Objects;

/**
 * The parents of a derived dataset and the transformation applied.
 *
 * <pre>{@code
 * Derivation d = new Derivation(List.of("ds-001"), new Transformation("crop", Optional.empty(), Optional.empty()));
 * }</pre>
 *
 * @param parents parent dataset IDs
 * @param transformation what was applied
 */
public record Derivation(List<String> parents, Transformation transformation) {
    public Derivation {
        parents = List.copyOf(parents);
        Objects.requireNonNull(transformation, "transformation");
    }
}
