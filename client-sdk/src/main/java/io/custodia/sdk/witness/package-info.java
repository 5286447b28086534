/** A transparency-log witness: verifies consistency and cosigns checkpoints (C2SP tlog-cosignature/v1). */
package io.custodia.sdk.witness;
