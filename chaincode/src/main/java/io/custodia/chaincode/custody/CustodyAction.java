package io.custodia.chaincode.custody;

/** What a custody hop does to the set of holders of a dataset. */
public enum CustodyAction {
    /** {@code from} hands the dataset to {@code to} and no longer holds it. */
    TRANSFER,
    /** {@code to} receives a copy; {@code from} keeps its own. */
    COPY,
    /** {@code to} holds a transformed version; its content hash becomes the chain's content hash. */
    DERIVE,
    /** {@code from} deletes its copy ({@code to} must equal {@code from}). */
    DELETE
}
