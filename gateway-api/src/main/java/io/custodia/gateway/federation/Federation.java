package io.custodia.gateway.federation;

import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.store.OffChainStore;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Both parts of pointer release in one gateway: the {@link ReleaseAuthority} that answers other
 * gateways (and this one) for datasets this institution owns, and the {@link ReleaseClient} that asks
 * the owner's gateway after a PERMIT. A release for an owner this gateway serves goes through the
 * authority in-process, with the same signed bytes and the same checks as one over HTTP.
 */
public record Federation(ReleaseAuthority authority, ReleaseClient client) {

    public static Federation create(final LedgerClient ledger, final OffChainStore store, final InstitutionKeys keys,
            final FederationConfig config, final Clock clock) {
        final ReleaseAuthority authority = new ReleaseAuthority(ledger, store, keys, config.releaseWindow(), config.clockSkew(), clock);
        return new Federation(authority, new ReleaseClient(keys, transport(authority, keys, config), clock, new SecureRandom(),
                FederationConfig.RETRY_AFTER_SECONDS));
    }

    /** In-process to the owners this gateway serves, over HTTP to the others. */
    static ReleaseTransport transport(final ReleaseAuthority authority, final InstitutionKeys keys, final FederationConfig config) {
        final HttpReleaseTransport http = new HttpReleaseTransport(config.peerGateways(), FederationConfig.REQUEST_TIMEOUT);
        return (owner, request) -> keys.serves(owner) ? authority.release(request) : http.send(owner, request);
    }
}
