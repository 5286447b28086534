package io.custodia.ledger;

/** Receives committed chaincode events in ledger order, one at a time, on a thread of its subscription. */
@FunctionalInterface
public interface ChaincodeEventListener {
    /** Called once per event; an exception thrown here ends the subscription. */
    void onEvent(ChaincodeEventRecord event);
}
