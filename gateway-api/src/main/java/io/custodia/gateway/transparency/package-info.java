/**
 * The verifiable audit log (issue 23): an RFC 6962 Merkle tree over access events and erasure
 * receipts built from the blocks, C2SP signed checkpoints, proofs and witness cosignatures.
 */
package io.custodia.gateway.transparency;
