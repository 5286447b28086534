package io.custodia.chaincode.consent;

/** Lifecycle of a delegation: ACTIVE until its registering institution ends it. */
public enum DelegationStatus {
    ACTIVE, ENDED
}
