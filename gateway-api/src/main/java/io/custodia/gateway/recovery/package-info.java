/**
 * Start-up reconciliation of the off-chain store with the ledger: what a crash or a lost database
 * file left inconsistent is repaired where it can be, and reported (refusing to start) where it
 * cannot — see {@link io.custodia.gateway.recovery.StoreReconciliation}.
 */
package io.custodia.gateway.recovery;
