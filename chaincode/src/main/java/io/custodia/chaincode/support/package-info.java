/** What every contract shares: error codes, typed keys, state access, the caller's identity and input checks. */
package io.custodia.chaincode.support;
