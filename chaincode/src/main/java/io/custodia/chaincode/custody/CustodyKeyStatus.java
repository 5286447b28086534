package io.custodia.chaincode.custody;

/** Lifecycle of a custody signing key. A revoked key signs no new hops; hops it signed before stay valid. */
public enum CustodyKeyStatus {
    ACTIVE, REVOKED
}
