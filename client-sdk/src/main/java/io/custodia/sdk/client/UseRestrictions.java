package io.custodia.sdk.client;

import java.util.List;
import java.util.Objects;

/**
 * A dataset's DUO use restrictions: one permission and any modifiers.
 *
 * <pre>{@code
 * UseRestrictions r = new UseRestrictions(DuoTerm.of("HMB"), List.of(ModifierTerm.of("NCU")));
 * }</pre>
 *
 * @param permission permission term
 * @param modifiers modifier terms
 */
public record UseRestrictions(DuoTerm permission, List<ModifierTerm> modifiers) {
    public UseRestrictions {
        Objects.requireNonNull(permission, "permission");
        modifiers = modifiers == null ? List.of() : List.copyOf(modifiers);
    }
}
