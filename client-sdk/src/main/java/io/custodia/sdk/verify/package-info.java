/**
 * Offline verification for auditors: a local copy of a dataset against a registered root or manifest
 * (naming the files that differ), and a custody chain against its own signatures and links.
 *
 * <p>Outcomes are values, not exceptions: a mismatch is a normal answer an auditor reports. On a
 * mismatch every report shows both the computed and the expected hash.
 */
package io.custodia.sdk.verify;
