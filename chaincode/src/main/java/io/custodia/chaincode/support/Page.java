package io.custodia.chaincode.support;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One page of a query result; {@code bookmark} is empty on the last page. */
public final class Page<T> {
    private final List<T> items;
    private final String bookmark;

    @JsonCreator
    public Page(final List<T> items, final String bookmark) {
        this.items = Collections.unmodifiableList(items);
        this.bookmark = bookmark == null ? "" : bookmark;
    }

    public List<T> items() {
        return items;
    }

    public String bookmark() {
        return bookmark;
    }

    public <R> Page<R> map(final Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).collect(Collectors.toList()), bookmark);
    }
}
