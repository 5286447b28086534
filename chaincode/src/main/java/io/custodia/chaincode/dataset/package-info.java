/** Dataset records: registration, subjects, withdrawal, history, listing and lineage. */
package io.custodia.chaincode.dataset;
