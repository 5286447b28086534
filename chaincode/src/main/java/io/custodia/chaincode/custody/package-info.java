/**
 * Chain of custody: institutions register the X.509 certificates of their custody signing keys and
 * record signed custody hops (transfer, copy, derive, delete) that form a hash-linked chain per dataset.
 *
 * <p>The signed statement is {@link io.custodia.canonical.CustodyHopStatement}; the hop checks live
 * once in {@link io.custodia.chaincode.custody.CustodyRules}, used both when a hop is recorded and when
 * a chain is re-verified.
 */
package io.custodia.chaincode.custody;
