/**
 * Datasets: registration (descriptor on-chain, storage and per-subject pointers off-chain), listing,
 * history, lineage and withdrawal; and pseudonymisation of an institution's patient identifiers.
 */
package io.custodia.gateway.datasets;
