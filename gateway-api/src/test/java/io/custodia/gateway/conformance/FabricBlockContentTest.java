package io.custodia.gateway.conformance;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.config.GatewaySecrets;
import io.custodia.gateway.ledger.fabric.FabricConnection;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.FabricTestNetwork;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RequiresFabricNetwork;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.junit.jupiter.api.Test;

/**
 * What the Fabric blocks hold after a whole scenario run over HTTP through both institutions' gateways
 * (pseudonymise, register with pointers and item salts, consent with an inline document, access by the
 * other institution, revocation with erasure): every block is fetched with {@code qscc GetBlockByNumber}
 * through the Fabric Gateway client, and none may contain a patient identifier, a pointer, an item or
 * subject salt, the institution pepper or the consent document, in any encoding the gateway handles
 * them in. The dataset ID and the subject references must be found, so the search is known to see the
 * blocks' contents (the chaincode arguments and write sets are stored uncompressed).
 */
@RequiresFabricNetwork
class FabricBlockContentTest {

    @Test
    void no_block_holds_a_patient_identifier_pointer_salt_or_consent_document() throws Exception {
        final Path network = FabricTestNetwork.require();
        final String run = UUID.randomUUID().toString().substring(0, 8);
        final String datasetId = "ds-blocks-" + run;
        final List<String> patientIds = List.of("MRN-BLK-" + run + "-1", "MRN-BLK-" + run + "-2");
        final String document = "Signed consent form of patient " + patientIds.get(0) + " " + run;
        final Map<String, byte[]> secrets = new LinkedHashMap<>();
        final List<String> subjectRefs;

        try (Backend fabric = Backend.fabric(network)) {
            final HttpClientSupport org1 = new HttpClientSupport(fabric.gateway(1).baseUrl());
            final HttpClientSupport org2 = new HttpClientSupport(fabric.gateway(2).baseUrl());
            final String steward = fabric.gateway(1).token(UserRole.INSTITUTION, "Org1MSP", "steward");
            final String researcher = fabric.gateway(2).token(UserRole.INSTITUTION, "Org2MSP", "researcher");
            final String patient = fabric.gateway(1).token(UserRole.PATIENT, "Org1MSP", patientIds.get(0));

            final Reply pseudonyms = org1.post("/api/v1/subjects/pseudonyms", steward, json(Map.of("patientIds", patientIds)));
            assertThat(pseudonyms.status()).as(pseudonyms.toString()).isEqualTo(200);
            subjectRefs = new ArrayList<>();
            pseudonyms.json().path("subjectRefs").forEach(n -> subjectRefs.add(n.asText()));
            assertThat(subjectRefs).hasSize(2);

            final Map<String, Object> registration = ApiSamples.registration(datasetId, subjectRefs);
            final Reply registered = org1.post("/api/v1/datasets", steward, json(registration));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

            final Reply granted = org1.post("/api/v1/consents", patient, json(Map.of(
                    "consentId", "consent-blk-" + run,
                    "scope", Map.of("kind", "DATASETS", "datasetIds", List.of(datasetId)),
                    "purposes", List.of(Map.of("code", "HMB")),
                    "grantees", List.of("Org2MSP"),
                    "validFrom", "2025-01-01T00:00:00Z",
                    "document", Base64.getEncoder().encodeToString(document.getBytes(StandardCharsets.UTF_8)))));
            assertThat(granted.status()).as(granted.toString()).isEqualTo(201);

            final Reply access = org2.post("/api/v1/access-requests", researcher, json(Map.of(
                    "requestId", "req-blk-" + run, "datasetId", datasetId, "purpose", Map.of("code", "HMB"),
                    "commercial", false, "forProfit", false, "methodsDevelopment", false, "geneticStudy", false,
                    "task", "segmentation:lung-nodule")));
            assertThat(access.status()).as(access.toString()).isEqualTo(201);
            assertThat(access.json().path("event").path("decision").asText()).isEqualTo("PERMIT");

            // The salts exist only until the revocation erases them: collect them first.
            final GatewaySecrets gatewaySecrets = GatewaySecrets.loadOrCreate(
                    fabric.gateway(1).dataDir().resolve("keys/pepper.hex"), fabric.gateway(1).dataDir().resolve("keys/store-kek.hex"));
            final byte[] pepper = gatewaySecrets.institutionPepper("Org1MSP");
            secrets.put("institution pepper", pepper);
            for (final String patientId : patientIds) {
                secrets.put("subject salt of " + patientId, fabric.gateway(1).gateway().store().subjects()
                        .find(pepper, patientId).orElseThrow().subjectSalt());
            }
            @SuppressWarnings("unchecked")
            final List<Map<String, Object>> items = (List<Map<String, Object>>) registration.get("items");
            for (final Map<String, Object> item : items) {
                secrets.put("item salt " + item.get("itemSalt"), HexFormat.of().parseHex((String) item.get("itemSalt")));
            }

            final Reply revoked = org1.delete("/api/v1/consents/consent-blk-" + run, patient);
            assertThat(revoked.status()).as(revoked.toString()).isLessThan(300);

            final Map<String, byte[]> forbidden = new LinkedHashMap<>();
            for (final String patientId : patientIds) {
                forbidden.put("patient identifier " + patientId, utf8(patientId));
            }
            forbidden.put("storage URI", utf8((String) registration.get("storageUri")));
            for (final Map<String, Object> item : items) {
                for (final Object pointer : (List<?>) item.get("pointers")) {
                    forbidden.put("pointer " + pointer, utf8((String) pointer));
                }
            }
            forbidden.put("consent document", utf8(document));
            forbidden.put("consent document (base64)", utf8(Base64.getEncoder().encodeToString(utf8(document))));
            secrets.forEach((name, bytes) -> {
                forbidden.put(name + " (raw)", bytes);
                forbidden.put(name + " (hex)", utf8(HexFormat.of().formatHex(bytes)));
                forbidden.put(name + " (base64)", utf8(Base64.getEncoder().encodeToString(bytes)));
            });

            final List<byte[]> blocks = blocks(FabricConnection.read(network.resolve("connections/org1.json")));
            assertThat(blocks).as("blocks read").isNotEmpty();
            assertThat(containedIn(blocks, utf8(datasetId))).as("the dataset ID is found in some block").isTrue();
            for (final String ref : subjectRefs) {
                assertThat(containedIn(blocks, utf8(ref))).as("subject reference " + ref + " is found in some block").isTrue();
            }
            forbidden.forEach((name, bytes) -> assertThat(containedIn(blocks, bytes))
                    .as(name + " must not be in any of the " + blocks.size() + " blocks").isFalse());
            System.out.println("[fabric blocks] " + blocks.size() + " blocks, " + blocks.stream().mapToLong(b -> b.length).sum()
                    + " bytes searched for " + forbidden.size() + " forbidden values: none found");
        }
    }

    /** Every block of the channel, as the protobuf bytes {@code qscc GetBlockByNumber} returns. */
    private static List<byte[]> blocks(final FabricConnection connection) throws Exception {
        final TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder().trustManager(connection.tlsCaCert().toFile());
        final ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(connection.peerEndpoint(), tls.build());
        connection.peerHostOverride().ifPresent(builder::overrideAuthority);
        final ManagedChannel channel = builder.build();
        final FabricConnection.IdentityFiles files = connection.identity(FabricConnection.INSTITUTION).orElseThrow();
        try (Reader certificate = Files.newBufferedReader(files.certificate());
                Reader key = Files.newBufferedReader(files.privateKey());
                Gateway gateway = Gateway.newInstance()
                        .identity(new X509Identity(connection.mspId(), Identities.readX509Certificate(certificate)))
                        .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(key)))
                        .connection(channel)
                        .connect()) {
            final Contract qscc = gateway.getNetwork(connection.channel()).getContract("qscc");
            final long height = BlockchainInfo.parseFrom(qscc.evaluateTransaction("GetChainInfo", connection.channel())).getHeight();
            final List<byte[]> blocks = new ArrayList<>();
            for (long n = 0; n < height; n++) {
                blocks.add(qscc.evaluateTransaction("GetBlockByNumber", connection.channel(), Long.toString(n)));
            }
            return blocks;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static boolean containedIn(final List<byte[]> blocks, final byte[] needle) {
        for (final byte[] block : blocks) {
            if (indexOf(block, needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(final byte[] haystack, final byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
