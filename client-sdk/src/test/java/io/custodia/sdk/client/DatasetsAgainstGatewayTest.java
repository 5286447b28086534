package io.custodia.sdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.gateway.auth.UserRole;
import io.custodia.sdk.commitments.ItemCommitmentCalculator;
import io.custodia.sdk.commitments.ItemCommitmentResult;
import io.custodia.sdk.commitments.SubjectMapping;
import io.custodia.sdk.commitments.SubjectRefSource;
import io.custodia.sdk.hashing.DatasetHash;
import io.custodia.sdk.hashing.DatasetHasher;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The datasets, subjects and custody areas of the client against a real gateway. */
class DatasetsAgainstGatewayTest {
    private static final Path DEMO = Path.of("src/test/resources/demo-dataset");
    private static TestGateway gateway;
    static CustodiaClient org1;

    @BeforeAll
    static void start() {
        gateway = TestGateway.shared();
        org1 = gateway.client(UserRole.INSTITUTION, "Org1MSP", "registrar");
    }

    static DatasetRecord register(final String datasetId) throws Exception {
        final DatasetHash hash = DatasetHasher.builder().build().hash(DEMO.resolve("files"));
        final SubjectMapping mapping = SubjectMapping.read(DEMO.resolve("mapping.csv"));
        final List<String> refs = org1.subjects().pseudonyms(mapping.patientIds());
        final ItemCommitmentResult items = ItemCommitmentCalculator.builder()
                .subjectRefs(SubjectRefSource.of(mapping.patientIds(), refs)).build().compute(hash.manifest(), mapping);
        final DatasetDescriptor descriptor = DatasetDescriptor.builder(datasetId)
                .contentHash(ContentHash.merkle(hash.root())).manifestHash(hash.manifestHash())
                .itemCommitmentRoot(items.published().itemCommitmentRoot())
                .counts(items.published().itemCount(), hash.fileCount(), hash.totalBytes())
                .format("CSV").deidentificationProfile("safe-harbor").license("CC-BY-4.0").contextTag("sdk-test")
                .useRestrictions(new UseRestrictions(DuoTerm.of("HMB"), List.of())).build();
        return org1.datasets().register(new DatasetRegistration(descriptor, "file:///srv/demo",
                items.offChainSalts().stream().map(s -> new SubjectItems(s.subjectRef(), s.itemSaltHex(), s.paths())).toList()),
                IdempotencyKey.random());
    }

    @Test
    void pseudonyms_are_stable_per_patient_and_distinct_between_patients() throws Exception {
        final List<String> first = org1.subjects().pseudonyms(List.of("MRN-7001", "MRN-7002"));

        final List<String> again = org1.subjects().pseudonyms(List.of("MRN-7002", "MRN-7001"));

        assertThat(first).hasSize(2).doesNotHaveDuplicates().allMatch(r -> r.matches("[0-9a-f]{64}"));
        assertThat(again).containsExactly(first.get(1), first.get(0));
    }

    @Test
    void registers_reads_lists_and_withdraws_a_dataset() throws Exception {
        final DatasetRecord registered = register("ds-sdk-lifecycle");

        final DatasetRecord read = org1.datasets().get("ds-sdk-lifecycle");
        final Page<DatasetRecord> listed = org1.datasets().list(DatasetQuery.all().withTag("sdk-test"), PageRequest.first(10));
        final List<HistoryEntry> history = org1.datasets().history("ds-sdk-lifecycle");
        final LineageGraph lineage = org1.datasets().lineage("ds-sdk-lifecycle", "BOTH", 2);
        final DatasetRecord withdrawn = org1.datasets().withdraw("ds-sdk-lifecycle", "consent-withdrawn");

        assertThat(registered.status()).isEqualTo("ACTIVE");
        assertThat(registered.subjectCount()).isEqualTo(3);
        assertThat(read.descriptor()).isEqualTo(registered.descriptor());
        assertThat(read.descriptor().contextTags()).containsExactly("sdk-test");
        assertThat(listed.items()).extracting(DatasetRecord::datasetId).contains("ds-sdk-lifecycle");
        assertThat(history).isNotEmpty();
        assertThat(history.get(0).txId()).isEqualTo(registered.registeredTxId());
        assertThat(lineage.nodes()).extracting(LineageNode::datasetId).contains("ds-sdk-lifecycle");
        assertThat(withdrawn.status()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.withdrawal()).get().extracting(Withdrawal::reason).isEqualTo("consent-withdrawn");
    }

    @Test
    void a_registration_with_a_bad_descriptor_names_the_field() throws Exception {
        final DatasetDescriptor bad = DatasetDescriptor.builder("ds-sdk-bad").contentHash(ContentHash.merkle("nothex"))
                .manifestHash("0".repeat(64)).itemCommitmentRoot("0".repeat(64)).format("CSV").deidentificationProfile("p")
                .license("CC0-1.0").useRestrictions(new UseRestrictions(DuoTerm.of("GRU"), List.of())).build();

        assertThatThrownBy(() -> org1.datasets().register(new DatasetRegistration(bad, "file:///x", List.of())))
                .isInstanceOfSatisfying(InvalidRequestException.class, e ->
                        assertThat(e.problem().errors()).extracting(FieldError::field).contains("dataset.contentHash.root"));
    }

    @Test
    void an_unknown_dataset_is_not_found() {
        assertThatThrownBy(() -> org1.datasets().get("ds-sdk-nowhere"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.problem().slug()).isEqualTo("not-found"));
    }

    @Test
    void custody_hops_are_recorded_and_the_gateway_and_the_sdk_agree_on_the_chain() throws Exception {
        register("ds-sdk-custody");
        final var signer = io.custodia.sdk.custody.CustodyHopSigner.fromPemFiles(
                Path.of("src/test/resources/keys/pkcs8-key.pem"), Path.of("src/test/resources/keys/cert.pem"));
        final String keyId = io.custodia.canonical.Signatures.fingerprint(signer.certificate());
        try {
            org1.custody().registerKey(io.custodia.sdk.custody.PemKeyMaterial.toPem(signer.certificate()));
        } catch (ConflictException alreadyRegisteredByAnotherTest) {
            assertThat(alreadyRegisteredByAnotherTest.problem().slug()).isEqualTo("already-exists");
        }

        final CustodyHead head = org1.custody().head("ds-sdk-custody");
        final CustodyHopRecord recorded = org1.custody().recordHop("ds-sdk-custody", CustodyHopSubmission.of(
                signer.sign(new io.custodia.sdk.custody.CustodyHop("ds-sdk-custody", head.sequence() + 1, head.lastHopHash(),
                        "Org1MSP", "Org2MSP", "COPY", head.contentHash())), keyId));
        final List<CustodyChainEntry> chain = org1.custody().fullChain("ds-sdk-custody");
        final CustodyVerification server = org1.custody().verification("ds-sdk-custody");
        final var local = io.custodia.sdk.verify.CustodyChainVerifier.builder().build()
                .verify(io.custodia.sdk.verify.CustodyRecords.toSignedHops(chain));

        assertThat(head.sequence()).isZero();
        assertThat(recorded.hop().keyId()).isEqualTo(keyId);
        assertThat(chain).hasSize(1);
        assertThat(chain.get(0).keyStatus()).isEqualTo("ACTIVE");
        assertThat(server.valid()).isTrue();
        assertThat(local.valid()).isTrue();
        assertThat(local.lastHopHash()).contains(recorded.hopHash());
        assertThat(org1.custody().head("ds-sdk-custody").holders()).contains("Org2MSP");
    }
}
