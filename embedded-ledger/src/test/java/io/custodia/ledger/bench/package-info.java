/** Benchmarks of the embedded ledger (a main, run on demand, never in the test suite). */
package io.custodia.ledger.bench;
