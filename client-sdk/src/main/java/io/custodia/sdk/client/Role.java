package io.custodia.sdk.client;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Who a token speaks for (the {@code role} claim).
 *
 * <pre>{@code
 * DevToken t = client.devToken(new DevTokenRequest(Role.PATIENT, "Org1MSP", "MRN-0001"));
 * }</pre>
 */
public enum Role {
    INSTITUTION, AUDITOR, PATIENT, PROXY;

    /** The claim value, lower case. */
    @JsonValue
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role for a claim value such as {@code institution}, case-insensitive. */
    public static Role fromClaim(final String claim) {
        return Role.valueOf(claim.strip().toUpperCase(Locale.ROOT));
    }
}
