package io.custodia.gateway.ledger.fabric;

import com.google.protobuf.InvalidProtocolBufferException;
import io.custodia.gateway.ledger.Committed;
import io.custodia.gateway.ledger.LedgerCaller;
import io.custodia.gateway.ledger.LedgerClient;
import io.custodia.gateway.ledger.LedgerException;
import io.custodia.ledger.VerificationAnchor;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LedgerClient} over a Fabric 2.5 network through the Fabric Gateway client: one TLS gRPC
 * channel to the institution's own peer, shared by one {@link Gateway} per {@code custodia.role} the
 * connection file provides an identity for. {@link #submit} endorses (the peer's gateway finds the
 * other institutions' endorsers by discovery), submits to ordering and waits for the commit status;
 * it returns only for VALID.
 *
 * <pre>{@code
 * try (FabricLedgerClient ledger = FabricLedgerClient.connect(FabricConnection.read(file), FabricDeadlines.DEFAULT)) {
 *     Committed c = ledger.submit(LedgerCaller.institution("Org1MSP"), "datasets:RegisterDataset", descriptor, subjects);
 * }
 * }</pre>
 */
public final class FabricLedgerClient implements LedgerClient {
    private static final Logger LOG = LoggerFactory.getLogger(FabricLedgerClient.class);
    private static final String QSCC = "qscc";
    /** The shim's built-in metadata function: read-only, present in every Java chaincode. */
    private static final String METADATA = "org.hyperledger.fabric:GetMetadata";

    private final FabricConnection connection;
    private final FabricDeadlines deadlines;
    private final ManagedChannel channel;
    private final Map<String, Gateway> gateways;
    private final ChaincodeRejections rejections;
    private final TransactionLocator locator;
    private static final long READINESS_CACHE_NANOS = 1_000_000_000L;
    private static final int ENDORSEMENT_ATTEMPTS = 4;
    private static final long ENDORSEMENT_RETRY_PAUSE_MS = 150;
    private volatile boolean open = true;
    private volatile ReadinessProbe readiness;
    /** Why the last submission to ordering failed; null once one succeeds (a probe cannot order without writing). */
    private volatile String orderingFailure;

    private FabricLedgerClient(final FabricConnection connection, final FabricDeadlines deadlines,
            final ManagedChannel channel, final Map<String, Gateway> gateways) {
        this.connection = connection;
        this.deadlines = deadlines;
        this.channel = channel;
        this.gateways = gateways;
        this.rejections = new ChaincodeRejections(channel, deadlines.evaluate());
        this.locator = new TransactionLocator(gateways.get(FabricConnection.INSTITUTION).getNetwork(connection.channel()).getContract(QSCC),
                connection.channel());
    }

    /**
     * Opens the channel (lazily connected by gRPC) and one gateway per identity in the file. Fails fast
     * on unreadable or mismatched certificate and key files; the network itself is reached on first use.
     */
    public static FabricLedgerClient connect(final FabricConnection connection, final FabricDeadlines deadlines) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(deadlines, "deadlines");
        final ManagedChannel channel = newChannel(connection);
        try {
            final Map<String, Gateway> gateways = new LinkedHashMap<>();
            connection.identities().forEach((role, files) -> gateways.put(role, newGateway(connection, files, channel, deadlines)));
            return new FabricLedgerClient(connection, deadlines, channel, Map.copyOf(gateways));
        } catch (RuntimeException e) {
            channel.shutdownNow();
            throw e;
        }
    }

    /** The MSP ID this gateway acts for; callers of any other institution are refused. */
    public String mspId() {
        return connection.mspId();
    }

    @Override
    public Committed submit(final LedgerCaller caller, final String function, final String... args) throws LedgerException {
        final Contract contract = contract(caller);
        Proposal proposal = contract.newProposal(function).addArguments(args).build();
        Transaction transaction = null;
        for (int attempt = 1; transaction == null; attempt++) {
            try {
                transaction = proposal.endorse();
            } catch (EndorseException e) {
                final Optional<String> refusal = ChaincodeRejections.chaincodeMessage(e);
                if (refusal.isPresent()) {
                    throw rejections.rejected(proposal, refusal.get());
                }
                final EndorsementFailure failure = endorsementFailure(e);
                if (!failure.staleEndorser()) {
                    // A node the endorsement needs is down: no retry within this request helps.
                    throw unavailable("endorsement of " + function + " failed", failure, e);
                }
                // The endorsers disagreed, typically because one peer has not yet committed the block another
                // already has (a write just made through another institution's gateway). Nothing was written;
                // a fresh proposal once the peers caught up agrees.
                if (attempt == ENDORSEMENT_ATTEMPTS) {
                    throw new LedgerException.Invalidated(e.getTransactionId(), "ENDORSEMENT_MISMATCH");
                }
                pause(ENDORSEMENT_RETRY_PAUSE_MS * attempt);
                proposal = contract.newProposal(function).addArguments(args).build();
            }
        }
        final SubmittedTransaction submitted;
        try {
            submitted = transaction.submitAsync();
        } catch (SubmitException e) {
            // Ordering did not accept it: nothing will commit under this transaction ID.
            final String reason = e.getStatus().getCode() == Status.Code.UNAVAILABLE || e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED
                    ? "the ordering service cannot be reached"
                    : "the ordering service refused the transaction (" + e.getStatus().getCode() + ")";
            final String message = "the orderer did not accept transaction " + e.getTransactionId() + ": " + describe(e);
            LOG.warn("{}: {}", reason, message);
            orderingFailure = reason;
            throw new LedgerException.Unavailable(message, e, reason);
        }
        orderingFailure = null;
        final org.hyperledger.fabric.client.Status status;
        try {
            status = submitted.getStatus();
        } catch (CommitStatusException e) {
            // Ordered but its fate is unknown (deadline, peer restart): it may still commit; never claim either way.
            throw new LedgerException.CommitPending(submitted.getTransactionId());
        }
        if (!status.isSuccessful()) {
            throw new LedgerException.Invalidated(status.getTransactionId(), status.getCode().name());
        }
        return new Committed(status.getTransactionId(), status.getBlockNumber(), submitted.getResult());
    }

    @Override
    public byte[] evaluate(final LedgerCaller caller, final String function, final String... args) throws LedgerException {
        final Proposal proposal = contract(caller).newProposal(function).addArguments(args).build();
        try {
            return proposal.evaluate();
        } catch (GatewayException e) {
            throw failure(proposal, e);
        }
    }

    /** Height and head hash from {@code qscc GetChainInfo}; Fabric does not report a transaction count (-1). */
    @Override
    public LedgerStatus status() throws LedgerException {
        final BlockchainInfo info = chainInfo();
        return new LedgerStatus("fabric", info.getHeight(), HexFormat.of().formatHex(info.getCurrentBlockHash().toByteArray()), -1);
    }

    /** From {@code qscc GetBlockByTxID} on the gateway's peer; see {@link TransactionLocator}. */
    @Override
    public Map<String, TransactionStatus> transactions(final Collection<String> txIds) throws LedgerException {
        if (!open) {
            throw new LedgerException.Unavailable("the Fabric backend is closed", null);
        }
        return locator.locate(txIds);
    }

    /** Checks the hash chain of every block the gateway peer serves; see {@link BlockChainVerifier}. */
    @Override
    public LedgerVerification verify(final Optional<VerificationAnchor> anchor) throws LedgerException {
        final Contract qscc = gateway(FabricConnection.INSTITUTION).getNetwork(connection.channel()).getContract(QSCC);
        return new BlockChainVerifier(qscc, connection.channel()).verify(chainInfo(), anchor);
    }

    /**
     * Ready when the peer answers {@code qscc GetChainInfo}. The gRPC channel state alone is no answer: after a
     * failure it cycles through IDLE and CONNECTING. The probe result is kept for a second so frequent
     * readiness checks do not load the peer.
     */
    @Override
    public boolean isReady() {
        return probe().ready();
    }

    /**
     * Whether a write could be endorsed now: the probe endorses (never submits) the shim's
     * {@code org.hyperledger.fabric:GetMetadata}, so every peer and chaincode server the endorsement policy
     * needs must answer, as for a real write. Ordering cannot be probed without writing, so an ordering
     * failure of the last submission counts until a submission succeeds. Kept for a second with the read probe.
     */
    @Override
    public Optional<String> writesUnavailable() {
        return Optional.ofNullable(probe().writesUnavailable());
    }

    private ReadinessProbe probe() {
        if (!open) {
            return new ReadinessProbe(System.nanoTime(), false, "the Fabric backend is closed");
        }
        final long now = System.nanoTime();
        final ReadinessProbe last = readiness;
        if (last != null && now - last.atNanos() < READINESS_CACHE_NANOS) {
            return last;
        }
        ReadinessProbe probe;
        try {
            chainInfo();
            probe = new ReadinessProbe(now, true, endorsementProbe());
        } catch (LedgerException e) {
            probe = new ReadinessProbe(now, false, "this institution's peer cannot be reached");
        }
        readiness = probe;
        return probe;
    }

    private String endorsementProbe() {
        final Contract contract = gateway(FabricConnection.INSTITUTION).getNetwork(connection.channel()).getContract(connection.chaincode());
        try {
            contract.newProposal(METADATA).build().endorse();
            final String ordering = orderingFailure;
            return ordering == null ? null : "the last transaction could not be ordered: " + ordering;
        } catch (EndorseException e) {
            final EndorsementFailure failure = endorsementFailure(e);
            if (failure.staleEndorser()) {
                return null; // both answered: they were a block apart, which the write path retries
            }
            final ReadinessProbe last = readiness;
            if (last == null || !failure.reason().equals(last.writesUnavailable())) {
                // Once per change of cause, not once per probe: load balancers poll /ready every few seconds.
                LOG.warn("readiness: writes cannot be endorsed: {} ({})", failure.reason(), failure.detail());
            }
            return failure.reason();
        }
    }

    private record ReadinessProbe(long atNanos, boolean ready, String writesUnavailable) {}

    /**
     * Follows this chaincode's events from the checkpoint in {@code checkpointFile} (or from
     * {@code startBlock} when there is none yet), calling {@code handler} once per event and recording
     * each handled event before the next; see {@link ChaincodeEventFollower}.
     */
    public ChaincodeEventFollower followEvents(final Path checkpointFile, final long startBlock, final Consumer<ChaincodeEvent> handler)
            throws IOException {
        return ChaincodeEventFollower.start(gateway(FabricConnection.INSTITUTION).getNetwork(connection.channel()),
                connection.chaincode(), checkpointFile, startBlock, handler);
    }

    @Override
    public void close() {
        open = false;
        gateways.values().forEach(Gateway::close);
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private BlockchainInfo chainInfo() throws LedgerException {
        final Contract qscc = gateway(FabricConnection.INSTITUTION).getNetwork(connection.channel()).getContract(QSCC);
        try {
            return BlockchainInfo.parseFrom(qscc.evaluateTransaction("GetChainInfo", connection.channel()));
        } catch (GatewayException e) {
            throw new LedgerException.Unavailable("qscc GetChainInfo failed: " + e.getStatus().getCode(), e,
                    "this institution's peer cannot be reached");
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException.Unavailable("qscc GetChainInfo returned an unreadable answer", e);
        }
    }

    private Contract contract(final LedgerCaller caller) throws LedgerException {
        if (!open) {
            throw new LedgerException.Unavailable("the Fabric backend is closed", null);
        }
        if (!caller.mspId().equals(connection.mspId())) {
            // One gateway per institution: it holds only its own institution's keys.
            throw new LedgerException.Rejected("ROLE_FORBIDDEN", "this gateway acts for " + connection.mspId()
                    + " only; use the gateway of " + caller.mspId());
        }
        final Gateway gateway = gateways.get(caller.role());
        if (gateway == null) {
            throw new LedgerException.Rejected("ROLE_FORBIDDEN", "institution " + connection.mspId()
                    + " has no " + caller.role() + " identity on this gateway (its connection file has no identities."
                    + caller.role() + "); use the gateway of an institution that hosts " + caller.role() + "s");
        }
        return gateway.getNetwork(connection.channel()).getContract(connection.chaincode());
    }

    private Gateway gateway(final String role) {
        return gateways.get(role);
    }

    private LedgerException failure(final Proposal proposal, final GatewayException e) {
        return ChaincodeRejections.chaincodeMessage(e)
                .<LedgerException>map(message -> rejections.rejected(proposal, message))
                .orElseGet(() -> unavailable("Fabric gateway call failed", endorsementFailure(e), e));
    }

    private static EndorsementFailure endorsementFailure(final GatewayException e) {
        return EndorsementFailure.of(e.getStatus().getCode(), e.getStatus().getDescription(), e.getDetails().stream()
                .map(d -> new EndorsementFailure.Endorser(d.getMspId(), d.getAddress(), d.getMessage()))
                .toList());
    }

    /** Logged here, once, with the gateway's details; the client gets the reason only. */
    private static LedgerException.Unavailable unavailable(final String what, final EndorsementFailure failure, final GatewayException e) {
        LOG.warn("{}: {} ({})", what, failure.reason(), failure.detail());
        return new LedgerException.Unavailable(what + ": " + failure.detail(), e, failure.reason());
    }

    private static String describe(final GatewayException e) {
        return endorsementFailure(e).detail();
    }

    private static void pause(final long millis) throws LedgerException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException.Unavailable("interrupted while retrying an endorsement", e);
        }
    }

    private static ManagedChannel newChannel(final FabricConnection connection) {
        final TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
        try {
            tls.trustManager(connection.tlsCaCert().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the peer TLS CA " + connection.tlsCaCert(), e);
        }
        final ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(connection.peerEndpoint(), tls.build());
        connection.peerHostOverride().ifPresent(builder::overrideAuthority);
        return builder.build();
    }

    private static Gateway newGateway(final FabricConnection connection, final FabricConnection.IdentityFiles files,
            final ManagedChannel channel, final FabricDeadlines deadlines) {
        try (Reader certificate = Files.newBufferedReader(files.certificate());
                Reader key = Files.newBufferedReader(files.privateKey())) {
            return Gateway.newInstance()
                    .identity(new X509Identity(connection.mspId(), Identities.readX509Certificate(certificate)))
                    .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(key)))
                    .connection(channel)
                    .evaluateOptions(options -> options.withDeadlineAfter(millis(deadlines.evaluate()), TimeUnit.MILLISECONDS))
                    .endorseOptions(options -> options.withDeadlineAfter(millis(deadlines.endorse()), TimeUnit.MILLISECONDS))
                    .submitOptions(options -> options.withDeadlineAfter(millis(deadlines.submit()), TimeUnit.MILLISECONDS))
                    .commitStatusOptions(options -> options.withDeadlineAfter(millis(deadlines.commitStatus()), TimeUnit.MILLISECONDS))
                    .connect();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read identity " + files.certificate(), e);
        } catch (CertificateException | InvalidKeyException e) {
            throw new IllegalArgumentException("invalid identity " + files.certificate() + ": " + e.getMessage(), e);
        }
    }

    private static long millis(final Duration d) {
        return d.toMillis();
    }
}
