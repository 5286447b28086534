package io.custodia.chaincode.support;

/**
 * Checks a client-supplied pagination bookmark before it reaches the ledger.
 *
 * <p>For range queries Fabric's bookmark is simply the next start key, and a peer uses it as given: a
 * bookmark below the range start would make the query return keys of other types (another
 * aggregate's records read as if they were index entries). So a bookmark must be empty or lie inside
 * the range it is used for.
 */
public final class Bookmarks {
    private Bookmarks() {}

    /** {@code bookmark} ("" for null) if it is empty or inside {@code [startKey, endKey)}; else INVALID_ARGUMENT. */
    public static String within(final String startKey, final String endKey, final String bookmark) {
        if (bookmark == null || bookmark.isEmpty()) {
            return "";
        }
        if (bookmark.compareTo(startKey) < 0 || bookmark.compareTo(endKey) >= 0) {
            throw ErrorCode.INVALID_ARGUMENT.exception("bookmark", "does not belong to this query");
        }
        return bookmark;
    }

    /** {@link #within(String, String, String)} for all keys under {@code prefix}. */
    public static String within(final StateKey prefix, final String bookmark) {
        return within(prefix.rangeStart(), prefix.rangeEnd(), bookmark);
    }
}
