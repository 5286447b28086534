/**
 * The embedded ledger: Custodia's chaincode run in-process on a durable, verifiable single-node
 * ledger with Fabric's transaction semantics. Entry point: {@link io.custodia.ledger.EmbeddedLedger}.
 */
package io.custodia.ledger;
