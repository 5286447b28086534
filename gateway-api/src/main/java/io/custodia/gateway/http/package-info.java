/** HTTP layer: the app factory with its route table, RFC 9457 problem details and the single exception-to-HTTP mapping. */
package io.custodia.gateway.http;
