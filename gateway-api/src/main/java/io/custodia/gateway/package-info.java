/**
 * The Custodia gateway: the REST API through which institutions register datasets and request access,
 * patients and proxies grant and revoke consent, and auditors verify trails and the ledger.
 *
 * <p>{@code http} holds the route table and the one error mapping; {@code auth} JWT authentication
 * and role rules; {@code ledger} the ledger-client interface and its backends; {@code store} the
 * off-chain store for everything that may need erasure.
 */
package io.custodia.gateway;
