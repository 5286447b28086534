package io.custodia.chaincode.consent;

/** Lifecycle of a consent: ACTIVE until revoked; a revoked consent is never reactivated (grant a new one). */
public enum ConsentStatus {
    ACTIVE, REVOKED
}
