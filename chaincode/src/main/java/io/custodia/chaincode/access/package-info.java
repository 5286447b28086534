/**
 * Access decisions and access trails.
 *
 * <p>An institution asks for a dataset for a stated DUO purpose; the chaincode decides and always
 * records an {@link io.custodia.chaincode.access.AccessEvent}, PERMIT or DENY — a denial is a
 * successful transaction that writes its event. Only malformed input, a replayed request ID, a wrong
 * role or a dataset that does not exist fail (a missing dataset leaves nothing to record against,
 * and failing keeps unknown IDs out of the trails).
 *
 * <p>Dataset-level checks ({@link io.custodia.chaincode.access.DatasetPolicy}) come first; only when
 * they pass are the dataset's subjects read, each with one range scan over its consents, and a
 * subject is released iff one of its consents {@link io.custodia.chaincode.consent.ConsentRecord#releases
 * releases} it. The event stores the count and the RFC 6962 Merkle root of released subjects, never
 * the list; the transaction response carries the list so the gateway resolves pointers for released
 * subjects only.
 */
package io.custodia.chaincode.access;
