package io.custodia.chaincode.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A typed world-state key: a {@link KeyType} and its attributes.
 *
 * <p>Keys are Fabric <em>simple</em> keys of the form {@code TYPE␁attr␁attr} (␁ = U+0001), not
 * composite keys: time-bounded trails need {@code GetStateByRange} with computed bounds, and Fabric
 * refuses range queries over composite keys. Attributes are validated identifiers, tokens, hashes or
 * fixed-width numbers, so they never contain the separator, and a prefix range
 * {@code [prefix␁, prefix␂)} selects exactly the keys under a prefix.
 */
public final class StateKey {
    static final char SEPARATOR = '\u0001';
    static final char AFTER_SEPARATOR = '\u0002';

    private final KeyType type;
    private final List<String> attributes;

    private StateKey(final KeyType type, final List<String> attributes) {
        this.type = type;
        this.attributes = attributes;
    }

    public static StateKey of(final KeyType type, final String... attributes) {
        Objects.requireNonNull(type, "type");
        final List<String> attrs = new ArrayList<>(attributes.length);
        for (final String attribute : attributes) {
            if (attribute == null || attribute.isEmpty()) {
                throw new IllegalArgumentException("key attribute of " + type + " is empty");
            }
            if (attribute.indexOf(SEPARATOR) >= 0 || attribute.indexOf(AFTER_SEPARATOR) >= 0) {
                throw new IllegalArgumentException("key attribute of " + type + " holds a separator");
            }
            attrs.add(attribute);
        }
        return new StateKey(type, Collections.unmodifiableList(attrs));
    }

    /** A fixed-width decimal attribute, so numeric order is key order. */
    public static String fixedWidth(final long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative key number");
        }
        return String.format("%019d", value);
    }

    /** The key string written to the ledger. */
    public String encoded() {
        final StringBuilder out = new StringBuilder(type.name());
        for (final String attribute : attributes) {
            out.append(SEPARATOR).append(attribute);
        }
        return out.toString();
    }

    /** First key (inclusive) of all keys that extend this one with more attributes. */
    public String rangeStart() {
        return encoded() + SEPARATOR;
    }

    /** End key (exclusive) of all keys that extend this one with more attributes. */
    public String rangeEnd() {
        return encoded() + AFTER_SEPARATOR;
    }

    /** Attributes of an encoded key of the given type. */
    public static List<String> attributesOf(final KeyType type, final String encoded) {
        final String prefix = type.name() + SEPARATOR;
        if (!encoded.startsWith(prefix)) {
            throw new IllegalArgumentException("key is not of type " + type);
        }
        final List<String> attributes = new ArrayList<>();
        int start = prefix.length();
        for (int i = start; i <= encoded.length(); i++) {
            if (i == encoded.length() || encoded.charAt(i) == SEPARATOR) {
                attributes.add(encoded.substring(start, i));
                start = i + 1;
            }
        }
        return attributes;
    }

    public KeyType type() {
        return type;
    }

    public List<String> attributes() {
        return attributes;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof StateKey && ((StateKey) o).encoded().equals(encoded());
    }

    @Override
    public int hashCode() {
        return encoded().hashCode();
    }

    @Override
    public String toString() {
        return type + attributes.toString();
    }
}
