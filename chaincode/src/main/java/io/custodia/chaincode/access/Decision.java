package io.custodia.chaincode.access;

/** Outcome of an access request. */
public enum Decision {
    PERMIT, DENY
}
