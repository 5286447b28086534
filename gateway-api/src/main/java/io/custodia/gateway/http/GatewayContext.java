package io.custodia.gateway.http;

import io.custodia.gateway.auth.AuthRules;
import io.custodia.gateway.config.GatewaySecrets;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.store.OffChainStore;
import io.custodia.gateway.subjects.SubjectResolver;

/** What every API area uses: the ledger, the off-chain store, the secrets, role guards, idempotency, pseudonymisation and pagination. */
public record GatewayContext(
        LedgerClient ledger,
        OffChainStore store,
        GatewaySecrets secrets,
        AuthRules auth,
        Idempotency idempotency,
        SubjectResolver subjects,
        Pages pages) {}
