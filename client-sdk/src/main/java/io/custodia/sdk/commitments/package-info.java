/**
 * Per-subject item commitments, computed on the owner's machine from a mapping of files to patients:
 * only pseudonymous subject references and commitments leave the machine; item salts go to the
 * gateway's off-chain store; patient identifiers go nowhere.
 *
 * <p>Every type here that holds a patient identifier keeps it out of {@code toString()}, and every
 * exception names the mapping line, never the identifier.
 */
package io.custodia.sdk.commitments;
