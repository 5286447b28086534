package io.custodia.chaincode.consent;

/** What a consent covers: listed datasets, or every dataset an institution owns. */
public enum ScopeKind {
    DATASETS, INSTITUTION
}
