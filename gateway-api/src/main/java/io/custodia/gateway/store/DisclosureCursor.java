package io.custodia.gateway.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Where a page of a subject's disclosures ended: the last row's decision time and event ID, the index
 * order. Clients never see it as such: {@code http.Pages} seals it into their bookmark, as it does the ledger's.
 */
public record DisclosureCursor(long decidedAtMillis, String eventId) {
    private static final Pattern MILLIS = Pattern.compile("[0-9]{1,18}");

    public DisclosureCursor {
        Checks.nonBlank(eventId, "eventId");
    }

    static DisclosureCursor after(final Disclosure row) {
        return new DisclosureCursor(row.decidedAt().toEpochMilli(), row.eventId());
    }

    /** Whether {@code row} comes after this position in index order. */
    boolean precedes(final Disclosure row) {
        final long millis = row.decidedAt().toEpochMilli();
        return millis > decidedAtMillis || millis == decidedAtMillis && row.eventId().compareTo(eventId) > 0;
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((decidedAtMillis + "/" + eventId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor a bookmark names; {@code null} for the empty bookmark (the first page).
     *
     * @throws IllegalArgumentException when {@code bookmark} is not one this store handed out
     */
    public static DisclosureCursor decode(final String bookmark) {
        if (bookmark == null || bookmark.isEmpty()) {
            return null;
        }
        final String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(bookmark), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a bookmark from this trail", e);
        }
        final int slash = text.indexOf('/');
        if (slash < 0 || !MILLIS.matcher(text.substring(0, slash)).matches()
                || slash == text.length() - 1 || text.length() - slash > 257) {
            throw new IllegalArgumentException("is not a bookmark from this trail");
        }
        return new DisclosureCursor(Long.parseLong(text.substring(0, slash)), text.substring(slash + 1));
    }
}
