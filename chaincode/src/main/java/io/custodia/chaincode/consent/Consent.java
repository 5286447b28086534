package io.custodia.chaincode.consent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.chaincode.duo.DuoTerm;
import io.custodia.chaincode.support.Fields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A consent as granted: which subject (pseudonym), who grants (subject or proxy), for which
 * datasets, DUO purposes and grantee institutions, for which period, and the hash of the consent
 * document kept off-chain. Lists are stored sorted and distinct.
 */
public final class Consent {
    public static final int MAX_PURPOSES = 16;
    public static final int MAX_GRANTEES = 64;

    private final String consentId;
    private final String subjectRef;
    private final Actor grantor;
    private final ConsentScope scope;
    private final List<DuoTerm> purposes;
    private final List<String> grantees;
    private final String validFrom;
    private final String validUntil;
    private final String documentHash;
    /**
     * The period parsed once: a stored consent is decoded once per distinct value (DecodedValues) and
     * then checked on every access request, where parsing both instants was 2% of a PERMIT's CPU.
     */
    @JsonIgnore
    private final transient Instant validFromInstant;
    @JsonIgnore
    private final transient Instant validUntilInstant;

    @JsonCreator
    public Consent(
            final String consentId,
            final String subjectRef,
            final Actor grantor,
            final ConsentScope scope,
            final List<DuoTerm> purposes,
            final List<String> grantees,
            final String validFrom,
            final String validUntil,
            final String documentHash) {
        this.consentId = Fields.id("consentId", consentId);
        this.subjectRef = Fields.subjectRef("subjectRef", subjectRef);
        this.grantor = Fields.required("grantor", grantor);
        this.scope = Fields.required("scope", scope);
        this.purposes = purposes(purposes);
        if (grantees == null || grantees.isEmpty()) {
            throw new InvalidJsonException("grantees", "at least one grantee institution is required");
        }
        this.grantees = Fields.sortedDistinct("grantees", grantees, MAX_GRANTEES, Fields::mspId);
        this.validFrom = Validity.from(validFrom);
        this.validUntil = Validity.until(this.validFrom, validUntil);
        this.validFromInstant = Instant.parse(this.validFrom);
        this.validUntilInstant = this.validUntil == null ? null : Instant.parse(this.validUntil);
        this.documentHash = Fields.sha256("documentHash", documentHash);
    }

    private static List<DuoTerm> purposes(final List<DuoTerm> purposes) {
        if (purposes == null || purposes.isEmpty()) {
            throw new InvalidJsonException("purposes", "at least one DUO purpose is required");
        }
        if (purposes.size() > MAX_PURPOSES) {
            throw new InvalidJsonException("purposes", "must have at most " + MAX_PURPOSES + " entries");
        }
        final TreeSet<DuoTerm> sorted = new TreeSet<>();
        for (int i = 0; i < purposes.size(); i++) {
            if (purposes.get(i) == null || !sorted.add(purposes.get(i))) {
                throw new InvalidJsonException("purposes[" + i + "]", "missing or duplicate purpose");
            }
        }
        return List.copyOf(new ArrayList<>(sorted));
    }

    public String consentId() {
        return consentId;
    }

    public String subjectRef() {
        return subjectRef;
    }

    public Actor grantor() {
        return grantor;
    }

    public ConsentScope scope() {
        return scope;
    }

    /** Consented DUO purposes, sorted. */
    public List<DuoTerm> purposes() {
        return purposes;
    }

    /** Grantee MSP IDs, sorted. */
    public List<String> grantees() {
        return grantees;
    }

    public String validFrom() {
        return validFrom;
    }

    /** End of validity (exclusive), or {@code null} when open-ended. */
    public String validUntil() {
        return validUntil;
    }

    /** True when {@code time} is in {@code [validFrom, validUntil)}. */
    public boolean validAt(final Instant time) {
        return Validity.contains(validFromInstant, validUntilInstant, time);
    }

    public String documentHash() {
        return documentHash;
    }
}
