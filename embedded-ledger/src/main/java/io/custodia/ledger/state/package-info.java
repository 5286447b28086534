/**
 * The world state and history index, kept in RocksDB and derived entirely from blocks: they can be
 * deleted at any time and are rebuilt from the block files on the next start.
 */
package io.custodia.ledger.state;
