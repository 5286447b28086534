package io.custodia.chaincode.consent;

/** The legal basis of a proxy's authority over a subject's consents. */
public enum DelegationKind {
    /** A parent or guardian of a minor or of an adult under guardianship. */
    GUARDIAN,
    /** A representative appointed by law, court or power of attorney. */
    LEGAL_REPRESENTATIVE
}
