package io.custodia.sdk.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A DUO modifier on a dataset's use restrictions ({@code NCU}, {@code NPU}, {@code IRB}, {@code TS} with
 * {@code until}, {@code IS} with {@code institutions}, {@code GSO}, {@code NMDS}, {@code PUB}, {@code COL},
 * {@code RTN}).
 *
 * <pre>{@code
 * ModifierTerm nonCommercial = ModifierTerm.of("NCU");
 * }</pre>
 *
 * @param code modifier code
 * @param until end of a time limit ({@code TS}), ISO-8601 instant
 * @param institutions allowed institutions ({@code IS})
 */
public record ModifierTerm(String code, Optional<String> until, List<String> institutions) {
    public ModifierTerm {
        Objects.requireNonNull(code, "code");
        until = until == null ? Optional.empty() : until;
        institutions = institutions == null ? List.of() : List.copyOf(institutions);
    }

    /** A modifier without parameters. */
    public static ModifierTerm of(final String code) {
        return new ModifierTerm(code, Optional.empty(), List.of());
    }
}
