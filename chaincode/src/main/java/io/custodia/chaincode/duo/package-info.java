/** GA4GH Data Use Ontology terms: dataset use restrictions, consent purposes and request purposes. */
package io.custodia.chaincode.duo;
