package io.custodia.gateway.http;

import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.config.GatewaySecrets;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.store.OffChainStore;

/** What every API area uses: the ledger, the off-chain store, the secrets, role guards and idempotency. */
public record GatewayContext(
        LedgerClient ledger, OffChainStore store, GatewaySecrets secrets, AuthRules auth, Idempotency idempotency) {}
