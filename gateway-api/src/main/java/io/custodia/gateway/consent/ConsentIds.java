package io.custodia.gateway.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.LedgerJson;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Consent IDs are names within one subject's consents, not across subjects.
 *
 * <p>The ledger keys consents by ID alone, so a patient choosing an ID that another subject already
 * uses would get 409 where a fresh ID gets 201 — an oracle for other people's consent IDs (the patient
 * knows their own). So when the ID a patient or proxy names is held by <em>another</em> subject, the
 * consent goes on the ledger as {@code <name>:s-<first 16 hex digits of the subjectRef>} and the
 * gateway shows it to the subject (grant, list, revoke) under the name they chose. The answer is then
 * exactly a fresh ID's; only the subject's own ID (under either form) answers 409, with the same
 * text. Revocation looks the name up in the same two places. Institutions and auditors see ledger IDs.
 *
 * <p>Names ending in the scoped form are reserved (400), so a scoped ID is never chosen directly.
 */
final class ConsentIds {
    private static final String MARKER = ":s-";
    private static final int TAG_CHARS = 16;
    /** A name plus the marker and tag stays within the ledger's 128-character identifiers. */
    static final int MAX_NAME = 128 - MARKER.length() - TAG_CHARS;
    private static final Pattern RESERVED = Pattern.compile(".*" + MARKER + "[0-9a-f]{" + TAG_CHARS + "}");

    private final LedgerClient ledger;

    ConsentIds(final LedgerClient ledger) {
        this.ledger = ledger;
    }

    /** A consent where the subject finds it, and the ID it has on the ledger. */
    record Found(String ledgerId, JsonNode record) {}

    /** 400 for a name a client may not choose. */
    static void checkName(final String name) {
        if (name.length() > MAX_NAME) {
            throw ApiException.badRequest("consentId", "must be at most " + MAX_NAME + " characters");
        }
        if (RESERVED.matcher(name).matches()) {
            throw ApiException.badRequest("consentId", "must not end in :s- and 16 hex digits (reserved)");
        }
    }

    /**
     * The ledger ID a new consent named {@code name} of {@code subjectRef} gets: the name itself unless
     * another subject holds it. 409 {@code already-exists} (one text for both forms) when the subject
     * holds it already, unless {@code retry} (an Idempotency-Key retry whose first answer was lost):
     * then its ID, so the grant can answer the committed consent again if it is exactly this one.
     */
    String forGrant(final LedgerCaller caller, final String name, final String subjectRef, final boolean retry)
            throws LedgerException {
        final Optional<JsonNode> plain = get(caller, name);
        if (plain.isEmpty()) {
            return name;
        }
        if (isOf(plain.get(), subjectRef)) {
            if (retry) {
                return name;
            }
            throw alreadyExists(name);
        }
        final String scoped = scoped(name, subjectRef);
        final Optional<JsonNode> held = get(caller, scoped);
        if (held.isPresent()) {
            if (retry && isOf(held.get(), subjectRef)) {
                return scoped;
            }
            throw alreadyExists(name);
        }
        return scoped;
    }

    /** The subject's consent named {@code name}, if any; someone else's is not found. */
    Optional<Found> find(final LedgerCaller caller, final String name, final String subjectRef) throws LedgerException {
        final Optional<JsonNode> plain = get(caller, name);
        if (plain.isPresent() && isOf(plain.get(), subjectRef)) {
            return Optional.of(new Found(name, plain.get()));
        }
        if (RESERVED.matcher(name).matches() || name.length() > MAX_NAME) {
            return Optional.empty();
        }
        final String scoped = scoped(name, subjectRef);
        return get(caller, scoped).filter(r -> isOf(r, subjectRef)).map(r -> new Found(scoped, r));
    }

    /** {@code record} (a ConsentRecord tree) as its subject sees it: under the name they chose. */
    static JsonNode shown(final JsonNode record, final String subjectRef) {
        final JsonNode consent = record.path("consent");
        if (consent instanceof ObjectNode named) {
            final String id = named.path("consentId").asText();
            final String suffix = MARKER + tag(subjectRef);
            if (id.endsWith(suffix)) {
                named.put("consentId", id.substring(0, id.length() - suffix.length()));
            }
        }
        return record;
    }

    private Optional<JsonNode> get(final LedgerCaller caller, final String id) throws LedgerException {
        try {
            return Optional.of(LedgerJson.tree(ledger.evaluate(caller, "consents:GetConsent", id)));
        } catch (LedgerException.Rejected e) {
            if ("NOT_FOUND".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean isOf(final JsonNode record, final String subjectRef) {
        return subjectRef.equals(record.path("consent").path("subjectRef").asText());
    }

    static String scoped(final String name, final String subjectRef) {
        return name + MARKER + tag(subjectRef);
    }

    private static String tag(final String subjectRef) {
        return subjectRef.substring(0, TAG_CHARS);
    }

    /** What the chaincode's ALREADY_EXISTS becomes ({@code ErrorMapper}), for the name the subject chose. */
    private static ApiException alreadyExists(final String name) {
        return ApiException.conflict("already-exists", "consent " + name + " already exists");
    }
}
