/**
 * Custodia's Fabric chaincode: one thin contract per aggregate.
 *
 * <ul>
 *   <li>{@code dataset} — dataset records, their subjects, withdrawal, history and lineage;
 *   <li>{@code custody} — custody signing keys and signed custody hops;
 *   <li>{@code consent} — consents and proxy delegations;
 *   <li>{@code access} — access decisions, access events and trails;
 *   <li>{@code erasure} — erasure receipts.
 * </ul>
 *
 * <p>All state and events are canonical JSON ({@link io.custodia.canonical.CanonicalJson}); keys come
 * only from {@link io.custodia.chaincode.support.StateKey}; business failures are
 * {@code ChaincodeException}s whose payload is an {@link io.custodia.chaincode.support.ErrorCode}
 * name. Nothing here reads a clock or a random source: times are the transaction timestamp.
 */
package io.custodia.chaincode;
