/** Operational endpoints: health, readiness, metrics, ledger status and verification, development tokens. */
package io.custodia.gateway.system;
