package io.custodia.gateway.consent;

import io.custodia.canonical.Hashes;
import io.custodia.gateway.http.ApiException;
import java.util.Base64;
import java.util.Optional;

/**
 * A consent or delegation document given inline as base64, or only its SHA-256: exactly one of the
 * two. The decoded document is at most {@link #MAX_BYTES}; its SHA-256 is what goes on-chain.
 */
public final class Documents {
    /** Largest accepted decoded document (1 MiB). */
    public static final int MAX_BYTES = 1024 * 1024;

    private Documents() {}

    /** The decoded document, or empty when the caller gave only {@code documentHash}. */
    public static Optional<byte[]> decode(final String document, final String documentHash) {
        if (document != null && documentHash != null) {
            throw ApiException.badRequest("documentHash", "give either document or documentHash, not both");
        }
        if (document == null) {
            if (documentHash == null) {
                throw ApiException.badRequest("documentHash", "is required when no document is given");
            }
            return Optional.empty();
        }
        final byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(document);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("document", "must be standard base64");
        }
        if (bytes.length == 0) {
            throw ApiException.badRequest("document", "must not be empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw ApiException.badRequest("document", "must be at most " + MAX_BYTES + " bytes once decoded");
        }
        return Optional.of(bytes);
    }

    /** The on-chain hash: of the decoded document if there is one, else the given hash. */
    public static String hash(final Optional<byte[]> document, final String documentHash) {
        return document.map(Hashes::sha256Hex).orElse(documentHash);
    }
}
