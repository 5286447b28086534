package io.custodia.chaincode.access;

import java.util.List;

/** Result of the dataset-level checks: deny reasons, flags and obligations, each sorted by name. */
public final class Assessment {
    private final List<String> reasons;
    private final List<String> flags;
    private final List<String> obligations;

    Assessment(final List<String> reasons, final List<String> flags, final List<String> obligations) {
        this.reasons = List.copyOf(reasons);
        this.flags = List.copyOf(flags);
        this.obligations = List.copyOf(obligations);
    }

    public boolean passes() {
        return reasons.isEmpty();
    }

    public List<String> reasons() {
        return reasons;
    }

    public List<String> flags() {
        return flags;
    }

    public List<String> obligations() {
        return obligations;
    }
}
