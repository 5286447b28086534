/**
 * Blocks and their binary encoding: transactions with their read/write sets, the length-prefixed
 * encoding that is hashed and signed, and the append-only block files on disk.
 */
package io.custodia.ledger.block;
