package io.custodia.gateway.outbox;

import java.util.List;
import java.util.Objects;

/**
 * A kind of multi-step operation and its steps, in order. Registered once with the {@link OutboxRunner}.
 *
 * <pre>{@code
 * runner.register(new OutboxOperation("revoke-consent", List.of(revoke, erase, compact, receipt)));
 * }</pre>
 */
public record OutboxOperation(String kind, List<OutboxStep> steps, boolean scrubWhenDone) {
    /** An operation whose completed items keep their payload and state (for diagnosis, a day). */
    public OutboxOperation(final String kind, final List<OutboxStep> steps) {
        this(kind, steps, false);
    }

    /**
     * @param scrubWhenDone whether a completed item's payload and state are dropped at completion (an
     *     erasure keeps no pseudonym of the erased subject in its own outbox row)
     */
    public OutboxOperation {
        Objects.requireNonNull(kind, "kind");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("an operation has at least one step");
        }
    }
}
