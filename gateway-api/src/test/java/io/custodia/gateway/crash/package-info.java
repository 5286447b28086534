/**
 * The crash loop: a real gateway process under a mixed write load, SIGKILLed at random moments and
 * restarted on the same data directory; after each restart every acknowledged write must still be
 * there, every write whose answer was lost must converge on exactly one effect when retried with its
 * Idempotency-Key, and the ledger must verify. See docs/testing.md.
 */
package io.custodia.gateway.crash;
