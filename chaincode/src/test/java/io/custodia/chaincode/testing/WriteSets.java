package io.custodia.chaincode.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Write sets in a comparable form for determinism tests. */
public final class WriteSets {
    private WriteSets() {}

    /** The write set as "key=value" lines in call order, so both order and bytes count in a comparison. */
    public static List<String> lines(final Map<String, byte[]> writes) {
        return writes.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue() == null ? "<delete>" : new String(e.getValue(), StandardCharsets.UTF_8)))
                .collect(Collectors.toList());
    }
}
