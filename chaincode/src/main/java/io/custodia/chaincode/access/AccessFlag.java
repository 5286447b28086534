package io.custodia.chaincode.access;

/** Notes on an access event that do not deny it but that auditors should see. */
public enum AccessFlag {
    /** The dataset names an intended task and the request's task differs from it or is not stated. */
    OFF_LABEL
}
