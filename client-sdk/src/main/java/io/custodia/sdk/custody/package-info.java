/**
 * Custody hops signed with the institution's key: build the {@link io.custodia.canonical.CustodyHopStatement},
 * sign its exact signing bytes with {@link io.custodia.canonical.Signatures}, and carry the signature
 * with the sender's certificate so anyone can verify the hop offline.
 *
 * <p>Keys and certificates are read from PEM files (PKCS#8 or SEC1 EC P-256 private keys, X.509
 * certificates), the form Fabric CAs and {@code openssl} produce.
 */
package io.custodia.sdk.custody;
