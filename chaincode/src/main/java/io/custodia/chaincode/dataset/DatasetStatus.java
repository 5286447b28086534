package io.custodia.chaincode.dataset;

/** Lifecycle of a dataset record. Withdrawn datasets stay on the ledger but are never shared again. */
public enum DatasetStatus {
    ACTIVE, WITHDRAWN
}
