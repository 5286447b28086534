package io.custodia.chaincode.duo;

/**
 * DUO data use permission terms, broadest first. Each names the DUO class it stands for.
 * Compatibility between a permission and a requested purpose lives in the access package.
 */
public enum DuoPermission {
    /** DUO:0000004 no restriction. */
    NRES,
    /** DUO:0000042 general research use. */
    GRU,
    /** DUO:0000006 health or medical or biomedical research. */
    HMB,
    /** DUO:0000007 disease specific research; needs a disease term. */
    DS,
    /** DUO:0000011 population origins or ancestry research only. */
    POA
}
