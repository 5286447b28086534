package io.custodia.gateway.http;

import io.custodia.canonical.CanonicalJson;
import io.custodia.gateway.auth.Principal;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pagination of every listing: the {@code pageSize} and {@code bookmark} query parameters in, the
 * page with its next bookmark out.
 *
 * <p>Bookmarks handed to clients are opaque: {@code base64url(0x01 || nonce || AES-256-GCM(key, nonce,
 * inner bookmark, aad))}, where the inner bookmark is the ledger's (a world-state key, which names
 * timestamps, IDs and pseudonyms) or the store's cursor, and the additional data binds the token to
 * the caller (role, institution, token subject) and the query (route and every filter, time bounds
 * included). So a client can neither read nor forge one, and a bookmark taken from another caller's
 * page, another query, or altered in any bit is refused with 400 on {@code bookmark} before anything
 * reaches the ledger. The ledger checks the inner bookmark against its range again ({@code State.page}).
 *
 * <p>The key is derived from the gateway's secrets ({@code GatewaySecrets#bookmarkKey}); bookmarks
 * stay valid across restarts of the same gateway and are meaningless to another.
 *
 * <pre>{@code
 * PageRequest page = pages.read(ctx, principal, "audit/erasures", subjectRef);
 * page.respond(ctx, ledger.evaluate(caller, "erasures:ListErasuresBySubject", subjectRef, page.size(), page.bookmark()));
 * }</pre>
 */
public final class Pages {
    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1000;
    /** Longest bookmark accepted: a sealed ledger key of the longest kind fits several times over. */
    public static final int MAX_BOOKMARK_CHARS = 1024;

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String BINDING_LABEL = "custodia.bookmark.v1";
    private static final String REFUSED = "is not a bookmark this query handed out to this caller";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param key 32 bytes, derived for bookmarks only */
    public Pages(final byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != 32) {
            throw new IllegalArgumentException("a bookmark key has 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * The page {@code ctx} asks for, its bookmark opened and checked against {@code caller} and the
     * query ({@code route} and its {@code filters}, in a fixed order; a missing filter as {@code ""}).
     *
     * @throws ApiException 400 on {@code pageSize} and/or {@code bookmark}
     */
    public PageRequest read(final Context ctx, final Principal caller, final String route, final String... filters) {
        final List<ApiException.FieldError> errors = new ArrayList<>();
        final int pageSize = pageSize(ctx.queryParam("pageSize"), errors);
        final byte[] binding = binding(caller, route, filters);
        final String bookmark = ctx.queryParam("bookmark");
        String inner = "";
        if (bookmark != null && !bookmark.isEmpty()) {
            try {
                inner = open(bookmark, binding);
            } catch (IllegalArgumentException e) {
                errors.add(new ApiException.FieldError("bookmark", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return new PageRequest(pageSize, inner, binding, this);
    }

    private static int pageSize(final String size, final List<ApiException.FieldError> errors) {
        if (size == null) {
            return DEFAULT_SIZE;
        }
        final int pageSize;
        try {
            pageSize = Integer.parseInt(size);
        } catch (NumberFormatException e) {
            errors.add(new ApiException.FieldError("pageSize", "must be a whole number"));
            return DEFAULT_SIZE;
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            errors.add(new ApiException.FieldError("pageSize", "must be between 1 and " + MAX_SIZE));
        }
        return pageSize;
    }

    /** Length-unambiguous (canonical JSON array) statement of who asks what. */
    private static byte[] binding(final Principal caller, final String route, final String... filters) {
        final List<String> parts = new ArrayList<>(4 + filters.length);
        parts.add(BINDING_LABEL);
        parts.add(caller.role().claim());
        parts.add(caller.institution());
        parts.add(caller.subject());
        parts.add(Objects.requireNonNull(route, "route"));
        for (final String filter : filters) {
            parts.add(filter == null ? "" : filter);
        }
        return CanonicalJson.toBytes(parts);
    }

    /** The client form of {@code inner} ("" stays "": the last page). */
    String seal(final String inner, final byte[] binding) {
        if (inner.isEmpty()) {
            return "";
        }
        final byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(binding);
            final byte[] sealed = cipher.doFinal(inner.getBytes(StandardCharsets.UTF_8));
            final ByteBuffer out = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length);
            out.put(VERSION).put(nonce).put(sealed);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The inner bookmark of a client token; IllegalArgumentException (one message for every cause) when it is not ours. */
    private String open(final String token, final byte[] binding) {
        if (token.length() > MAX_BOOKMARK_CHARS) {
            throw new IllegalArgumentException("is too long");
        }
        final byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(REFUSED);
        }
        // One spelling per token: padding or unused low bits would make other strings open to the same bytes.
        if (raw.length < 1 + NONCE_BYTES + TAG_BITS / 8 + 1 || raw[0] != VERSION
                || !Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(token)) {
            throw new IllegalArgumentException(REFUSED);
        }
        try {
            final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(raw, 1, 1 + NONCE_BYTES)));
            cipher.updateAAD(binding);
            final byte[] inner = cipher.doFinal(raw, 1 + NONCE_BYTES, raw.length - 1 - NONCE_BYTES);
            return new String(inner, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            // Tampered, truncated, another caller's or another query's: all the same to the client.
            throw new IllegalArgumentException(REFUSED);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
