/**
 * Erasure receipts: an institution's on-chain statement that it destroyed a subject's off-chain
 * pointers and salts (the pseudonym on the ledger can then no longer be linked to anyone). The
 * receipt holds only the pseudonym, dataset IDs, consent IDs and the hash of the destroyed pointer
 * set — nothing that itself would need erasing.
 */
package io.custodia.chaincode.erasure;
