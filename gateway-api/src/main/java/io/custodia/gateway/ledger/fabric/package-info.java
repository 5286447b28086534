/**
 * The {@code fabric} backend: Custodia's {@link io.custodia.gateway.ledger.LedgerClient} over a real
 * Hyperledger Fabric 2.5 network through the Fabric Gateway client. One gateway process serves one
 * institution: one TLS gRPC channel to that institution's peer, one signing identity per
 * {@code custodia.role} from the institution's connection file (docs/fabric.md §5).
 */
package io.custodia.gateway.ledger.fabric;
