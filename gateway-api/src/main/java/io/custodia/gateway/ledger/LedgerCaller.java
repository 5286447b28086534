package io.custodia.gateway.ledger;

import java.util.Objects;

/**
 * The organisation identity a request is submitted with: its MSP ID and its {@code custodia.role}
 * attribute value ({@code institution} or {@code auditor}). Patients and proxies act through their
 * institution's identity.
 */
public record LedgerCaller(String mspId, String role) {
    public LedgerCaller {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(role, "role");
    }

    public static LedgerCaller institution(final String mspId) {
        return new LedgerCaller(mspId, "institution");
    }

    public static LedgerCaller auditor(final String mspId) {
        return new LedgerCaller(mspId, "auditor");
    }
}
