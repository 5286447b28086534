/** The embedded backend: Custodia's chaincode run in-process on the embedded ledger, with identities from its embedded CA. */
package io.custodia.gateway.ledger.embedded;
