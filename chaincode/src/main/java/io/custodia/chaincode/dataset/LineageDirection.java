package io.custodia.chaincode.dataset;

/** Which way {@code GetLineage} walks: to ancestors (UP), descendants (DOWN) or both from the start. */
public enum LineageDirection {
    UP, DOWN, BOTH;

    boolean up() {
        return this != DOWN;
    }

    boolean down() {
        return this != UP;
    }
}
