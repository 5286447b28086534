package io.custodia.chaincode.duo;

/** DUO data use modifier terms that a dataset can attach to its permission. */
public enum DuoModifier {
    /** DUO:0000046 non-commercial use only. */
    NCU,
    /** DUO:0000045 not-for-profit use only. */
    NPU,
    /** DUO:0000021 ethics approval required. */
    IRB,
    /** DUO:0000025 time limit on use; needs {@code until}. */
    TS,
    /** DUO:0000028 institution specific restriction; needs {@code institutions}. */
    IS,
    /** DUO:0000016 genetic studies only. */
    GSO,
    /** DUO:0000015 no general methods research. */
    NMDS,
    /** DUO:0000019 publication required (recorded as an obligation). */
    PUB,
    /** DUO:0000020 collaboration required (recorded as an obligation). */
    COL,
    /** DUO:0000029 return to database or resource (recorded as an obligation). */
    RTN,
    /** DUO:0000022 geographical restriction (recorded as an obligation). */
    GS
}
