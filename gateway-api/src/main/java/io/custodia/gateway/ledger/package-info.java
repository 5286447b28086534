/**
 * The gateway's view of the ledger: one interface ({@link io.custodia.gateway.ledger.LedgerClient}) with
 * an embedded backend (the chaincode in-process on the embedded ledger) and, later, a Fabric backend.
 * Both report chaincode business failures through the same error-code payload.
 */
package io.custodia.gateway.ledger;
