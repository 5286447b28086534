/**
 * Java client for the Custodia gateway's v1 HTTP API ({@code docs/api.md}).
 *
 * <p>Entry point: {@link io.custodia.sdk.client.CustodiaClient#builder()}. One sub-interface per API
 * area ({@link io.custodia.sdk.client.Datasets}, {@link io.custodia.sdk.client.Custody},
 * {@link io.custodia.sdk.client.Consents}, {@link io.custodia.sdk.client.Access},
 * {@link io.custodia.sdk.client.Audit}, ...). Requests and responses are immutable records; every
 * failure is a checked {@link io.custodia.sdk.client.CustodiaException}, and an HTTP error carries its
 * status and RFC 9457 problem details in a {@link io.custodia.sdk.client.CustodiaApiException}.
 *
 * <p>Built on {@link java.net.http.HttpClient} and Jackson only: no Fabric dependency, no logging.
 * Values the ledger wrote (hashes, instants) are kept as the exact strings the ledger returned, because
 * those strings are what was hashed and signed.
 */
package io.custodia.sdk.client;
