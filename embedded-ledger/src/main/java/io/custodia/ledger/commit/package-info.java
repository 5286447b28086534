/**
 * Commit path: MVCC and phantom validation of simulated transactions, and the single writer thread
 * that cuts blocks (group commit), signs them, forces them to disk and applies them to the state.
 */
package io.custodia.ledger.commit;
