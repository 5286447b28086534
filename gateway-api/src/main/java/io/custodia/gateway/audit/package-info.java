/**
 * Audit reads: access trails by dataset, institution or subject, single access events, and erasure
 * receipts. The ledger is the source of truth; the chaincode enforces who may read which trail, and
 * foreign objects answer 404 like missing ones.
 */
package io.custodia.gateway.audit;
