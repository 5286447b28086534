package io.custodia.chaincode.access;

/** Why an access request was denied; an event lists every reason that applied, sorted by name. */
public enum DenyReason {
    /** The dataset has been withdrawn. */
    DATASET_WITHDRAWN,
    /** The dataset's DUO permission does not cover the requested purpose. */
    PURPOSE_NOT_PERMITTED,
    /** NCU: the use is commercial. */
    COMMERCIAL_USE_NOT_PERMITTED,
    /** NPU: the requester declared for-profit use. */
    FOR_PROFIT_USE_NOT_PERMITTED,
    /** IRB: no ethics approval hash was given. */
    ETHICS_APPROVAL_REQUIRED,
    /** TS: the dataset's time limit has passed. */
    USE_PERIOD_EXPIRED,
    /** IS: the requester is not among the allowed institutions. */
    INSTITUTION_NOT_PERMITTED,
    /** GSO: the research is not a genetic study. */
    GENETIC_STUDIES_ONLY,
    /** NMDS: the research is methods development. */
    METHODS_DEVELOPMENT_NOT_PERMITTED,
    /** Dataset-level checks passed but no subject holds a covering consent. */
    NO_CONSENTING_SUBJECTS
}
