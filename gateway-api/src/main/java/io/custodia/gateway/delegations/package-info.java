/**
 * Proxy delegations (institutions): {@code POST /api/v1/delegations} pseudonymises patient and proxy
 * through the subject registry of the registering institution and commits the delegation;
 * {@code POST /api/v1/delegations/{id}/end} ends it (registering institution only; others get 404).
 */
package io.custodia.gateway.delegations;
