/**
 * Access requests and disclosures: an institution asks for a dataset for a purpose, the chaincode
 * decides and records the event, and the gateway hands out the off-chain pointers of the released
 * subjects only; patients see which recorded access events released their data.
 */
package io.custodia.gateway.access;
