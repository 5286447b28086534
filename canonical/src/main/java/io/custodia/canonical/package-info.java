/**
 * The single implementation of everything Custodia hashes or signs: canonical JSON, domain-separated
 * SHA-256, RFC 6962-style Merkle trees, custody-hop statements and ECDSA signatures.
 *
 * <p>Chaincode, the gateway and the client SDK all use these classes, so a hash computed by a
 * hospital's laptop is byte-for-byte the hash the chaincode checks. Compiled for Java 11 because it
 * runs inside the chaincode.
 */
package io.custodia.canonical;
