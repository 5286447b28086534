/** Chain of custody: institutions' signing keys, signed custody hops, and chain reads and verification. */
package io.custodia.gateway.custody;
