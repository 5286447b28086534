/** Test chaincode run through the embedded ledger. */
package io.custodia.ledger.testcc;
