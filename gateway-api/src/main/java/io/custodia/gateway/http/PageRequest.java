package io.custodia.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.canonical.CanonicalJson;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One page a client asked for, read by {@link Pages#read}: the page size and the inner bookmark to pass
 * to the ledger or the store, and the binding its next bookmark is sealed with.
 */
public final class PageRequest {
    private static final JsonFactory JSON_FACTORY = new JsonFactory();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EMPTY_PAGE = "{\"bookmark\":\"\",\"items\":[]}".getBytes(StandardCharsets.UTF_8);

    private final int pageSize;
    private final String bookmark;
    private final byte[] binding;
    private final Pages pages;

    PageRequest(final int pageSize, final String bookmark, final byte[] binding, final Pages pages) {
        this.pageSize = pageSize;
        this.bookmark = bookmark;
        this.binding = binding.clone();
        this.pages = pages;
    }

    public int pageSize() {
        return pageSize;
    }

    /** {@link #pageSize} as a chaincode argument. */
    public String size() {
        return Integer.toString(pageSize);
    }

    /** The inner bookmark (the ledger's or the store's), {@code ""} for the first page. Never sent to clients. */
    public String bookmark() {
        return bookmark;
    }

    /**
     * Answers 200 with {@code page} ({@code {"bookmark":…,"items":[…]}}, canonical JSON from the
     * ledger or the store), its bookmark replaced by the sealed one. The items pass through unchanged.
     */
    public void respond(final Context ctx, final byte[] page) {
        LedgerJson.respond(ctx, 200, sealed(page));
    }

    /** Answers 200 with an empty last page (a caller the registry does not know has nothing to list). */
    public void respondEmpty(final Context ctx) {
        LedgerJson.respond(ctx, 200, EMPTY_PAGE);
    }

    byte[] sealed(final byte[] page) {
        // Canonical JSON sorts keys, so "bookmark" leads: splice the sealed one in without re-encoding
        // the items (trail pages are the hottest read).
        try (JsonParser parser = JSON_FACTORY.createParser(page)) {
            if (parser.nextToken() == JsonToken.START_OBJECT && parser.nextToken() == JsonToken.FIELD_NAME
                    && "bookmark".equals(parser.currentName()) && parser.nextToken() == JsonToken.VALUE_STRING) {
                final String sealed = pages.seal(parser.getText(), binding);
                final int end = Math.toIntExact(parser.currentLocation().getByteOffset());
                if (end > 0 && end <= page.length && page[end - 1] == '"') {
                    final ByteArrayOutputStream out = new ByteArrayOutputStream(page.length + 64);
                    out.writeBytes("{\"bookmark\":\"".getBytes(StandardCharsets.UTF_8));
                    out.writeBytes(sealed.getBytes(StandardCharsets.US_ASCII));
                    out.write('"');
                    out.write(page, end, page.length - end);
                    return out.toByteArray();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("a page is not valid JSON", e);
        }
        // Not the leading-bookmark form: parse, replace, re-encode.
        try {
            final ObjectNode tree = (ObjectNode) JSON.readTree(page);
            tree.put("bookmark", pages.seal(tree.path("bookmark").asText(""), binding));
            return CanonicalJson.toBytes(tree);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("a page is not a JSON object", e);
        }
    }
}
