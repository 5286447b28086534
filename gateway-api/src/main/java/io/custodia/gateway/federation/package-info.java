/**
 * Pointer release between institutions (docs/federation.md): the requester's gateway asks the dataset
 * owner's gateway for the pointers of a committed PERMIT with a request signed by its institution's
 * Fabric identity; the owner checks the signature, the certificate's CA, freshness, the nonce and the
 * event on its own ledger view, hands out only the released subjects it still holds, records the
 * delivery (disclosure index, ledger receipt) and answers signed and encrypted to the requester's key.
 */
package io.custodia.gateway.federation;
