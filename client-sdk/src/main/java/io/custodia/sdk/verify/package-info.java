/**
 * Offline verification for auditors: a local copy of a dataset against a registered root or manifest
 * (naming the files that differ), a custody chain against its own signatures and links (also straight
 * from the gateway's listing, {@link io.custodia.sdk.verify.CustodyRecords}), and an access trail from
 * the API's answers ({@link io.custodia.sdk.verify.AccessTrailVerifier}, which documents what those
 * answers can and cannot prove).
 *
 * <p>Outcomes are values, not exceptions: a mismatch is a normal answer an auditor reports. On a
 * mismatch every report shows both the computed and the expected hash.
 */
package io.custodia.sdk.verify;
