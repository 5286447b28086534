/** Offline audit bundles: access events with log inclusion proofs and a signed checkpoint, verified with no network. */
package io.custodia.sdk.transparency;
