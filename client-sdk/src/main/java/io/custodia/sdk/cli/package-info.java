/**
 * The {@code custodia} command line: local hashing and verification, dataset registration, custody,
 * consent, access and audit against a gateway. Entry point {@link io.custodia.sdk.cli.CustodiaCli};
 * exit codes in {@link io.custodia.sdk.cli.ExitCodes}. The only package of the SDK that prints.
 */
package io.custodia.sdk.cli;
