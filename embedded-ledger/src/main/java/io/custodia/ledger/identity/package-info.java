/**
 * X.509 identities for the embedded ledger: a per-organisation certificate authority that issues
 * certificates carrying Fabric-CA-style attributes, so the shim's {@code ClientIdentity} and
 * attribute checks in chaincode behave exactly as on a Fabric network.
 */
package io.custodia.ledger.identity;
