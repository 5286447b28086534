package io.custodia.chaincode.consent;

/** Who acts on a consent: the subject themself or a proxy holding a delegation. */
public enum ActorKind {
    SUBJECT, PROXY
}
