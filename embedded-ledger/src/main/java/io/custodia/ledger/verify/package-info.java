/** Whole-ledger verification: hash chain, data hashes, node signatures and every transaction signature. */
package io.custodia.ledger.verify;
