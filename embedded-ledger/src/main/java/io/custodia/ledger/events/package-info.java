/** Delivery of committed chaincode events to subscribers, in ledger order, resuming from a checkpoint. */
package io.custodia.ledger.events;
