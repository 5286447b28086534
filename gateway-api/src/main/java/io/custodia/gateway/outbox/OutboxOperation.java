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
public record OutboxOperation(String kind, List<OutboxStep> steps) {
    public OutboxOperation {
        Objects.requireNonNull(kind, "kind");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("an operation has at least one step");
        }
    }
}
