/** Gateway configuration from environment variables (and equally named system properties). */
package io.custodia.gateway.config;
