/** Pseudonymisation: patient identifiers become subject references through the off-chain subject registry. */
package io.custodia.gateway.subjects;
