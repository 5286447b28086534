/** Command-line tools for embedded ledger directories. */
package io.custodia.ledger.tools;
