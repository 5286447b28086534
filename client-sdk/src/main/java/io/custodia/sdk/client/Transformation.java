package io.custodia.sdk.client;

import java.util.Optional;

/**
 * What turned parent datasets into a derived one.
 *
 * <pre>{@code
 * Transformation t = new Transformation("resample-1mm", Optional.of("2.1"), Optional.empty());
 * }</pre>
 *
 * @param name transformation name
 * @param version its version
 * @param parametersHash SHA-256 hex of its parameters
 */
public record Transformation(String name, Optional<String> version, Optional<String> parametersHash) {
    public Transformation {
        version = version == null ? Optional.empty() : version;
        parametersHash = parametersHash == null ? Optional.empty() : parametersHash;
    }
}
