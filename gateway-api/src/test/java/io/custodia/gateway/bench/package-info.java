/**
 * Load benchmark of the access and audit endpoints (a main, never run by {@code mvn verify}); see
 * {@code docs/benchmarks.md} for the command and the recorded numbers.
 */
package io.custodia.gateway.bench;
