/** Crash-consistency test: a writer in a child JVM killed with SIGKILL. */
package io.custodia.ledger.crash;
