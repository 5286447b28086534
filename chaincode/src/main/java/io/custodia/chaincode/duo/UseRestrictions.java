package io.custodia.chaincode.duo;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.custodia.canonical.InvalidJsonException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A dataset's DUO use restrictions: one permission and any number of distinct modifiers (sorted by code). */
public final class UseRestrictions {
    private final DuoTerm permission;
    private final List<ModifierTerm> modifiers;

    @JsonCreator
    public UseRestrictions(final DuoTerm permission, final List<ModifierTerm> modifiers) {
        if (permission == null) {
            throw new InvalidJsonException("permission", "is required");
        }
        this.permission = permission;
        final List<ModifierTerm> sorted = new ArrayList<>(modifiers == null ? List.of() : modifiers);
        final Set<DuoModifier> seen = new HashSet<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i) == null || !seen.add(sorted.get(i).code())) {
                throw new InvalidJsonException("modifiers[" + i + "]", "missing or duplicate modifier");
            }
        }
        sorted.sort(Comparator.comparing(ModifierTerm::code));
        this.modifiers = List.copyOf(sorted);
    }

    public DuoTerm permission() {
        return permission;
    }

    public List<ModifierTerm> modifiers() {
        return modifiers;
    }

    public boolean has(final DuoModifier code) {
        return modifiers.stream().anyMatch(m -> m.code() == code);
    }

    public java.util.Optional<ModifierTerm> modifier(final DuoModifier code) {
        return modifiers.stream().filter(m -> m.code() == code).findFirst();
    }
}
