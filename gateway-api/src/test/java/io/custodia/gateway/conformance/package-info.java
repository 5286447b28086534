/**
 * Conformance: the same API scenarios on the embedded ledger and on a real Fabric network, with the
 * normalised results compared between backends.
 */
package io.custodia.gateway.conformance;
