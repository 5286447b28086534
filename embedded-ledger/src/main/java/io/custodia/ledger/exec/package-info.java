/**
 * Transaction execution: a {@code ChaincodeStub} of our own that simulates against the committed
 * state and records a read/write set, and the driver of the shim's {@code ContractRouter}.
 */
package io.custodia.ledger.exec;
