package io.custodia.sdk.commitments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.CanonicalJson;
import io.custodia.sdk.TestFiles;
import io.custodia.sdk.hashing.DatasetHasher;
import io.custodia.sdk.manifest.Manifest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemCommitmentCalculatorTest {
    private static final JsonNode VECTOR = TestFiles.vector("item-commitments.json");

    @TempDir
    Path dir;

    private Manifest manifest;
    private SaltSource subjectSalts;
    private ItemSaltSource itemSalts;

    @BeforeEach
    void hash_the_vector_dataset() throws Exception {
        TestFiles.writeVectorFiles(dir, TestFiles.vector("commitments-dataset.json").get("files"));
        manifest = DatasetHasher.builder().build().hash(dir).manifest();
        final Map<String, byte[]> salts = new HashMap<>();
        VECTOR.get("subjectSaltsHexByPatientId").fields()
                .forEachRemaining(e -> salts.put(e.getKey(), HexFormat.of().parseHex(e.getValue().asText())));
        subjectSalts = SaltSource.inMemory(salts);
        itemSalts = ref -> HexFormat.of().parseHex(VECTOR.get("itemSaltsHexBySubjectRef").get(ref).asText());
    }

    @Test
    void reproduces_the_checked_in_vector() throws Exception {
        final SubjectMapping mapping = SubjectMapping.parse(VECTOR.get("mappingCsv").asText());

        final ItemCommitmentResult result = calculator().compute(manifest, mapping);

        final JsonNode expected = VECTOR.get("expected");
        assertThat(result.published().itemCommitmentRoot()).isEqualTo(expected.get("itemCommitmentRoot").asText());
        assertThat(result.published().commitments()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            final SubjectCommitment actual = result.published().commitments().get(i);
            final JsonNode want = expected.get("commitments").get(i);
            assertThat(actual.subjectRef()).isEqualTo(want.get("subjectRef").asText());
            assertThat(actual.commitment()).isEqualTo(want.get("commitment").asText());
            assertThat(actual.itemCount()).isEqualTo(want.get("itemCount").asInt());
        }
        assertThat(result.unmappedPaths()).containsExactly("README.txt");
        assertThat(result.offChainSalts().get(0).paths()).containsExactly("p1/scan1.dcm", "p1/scan2.dcm");
    }

    @Test
    void is_deterministic_given_the_salts_and_changes_with_fresh_item_salts() throws Exception {
        final SubjectMapping mapping = SubjectMapping.parse(VECTOR.get("mappingCsv").asText());

        final ItemCommitmentResult first = calculator().compute(manifest, mapping);
        final ItemCommitmentResult second = calculator().compute(manifest, mapping);
        final ItemCommitmentResult random = ItemCommitmentCalculator.builder().saltSource(subjectSalts).build()
                .compute(manifest, mapping);

        assertThat(second.published()).isEqualTo(first.published());
        assertThat(random.published().itemCommitmentRoot()).isNotEqualTo(first.published().itemCommitmentRoot());
        assertThat(random.published().commitments()).extracting(SubjectCommitment::subjectRef)
                .isEqualTo(first.published().commitments().stream().map(SubjectCommitment::subjectRef).toList());
    }

    @Test
    void never_puts_patient_identifiers_in_any_output() throws Exception {
        final SubjectMapping mapping = SubjectMapping.parse(VECTOR.get("mappingCsv").asText());

        final ItemCommitmentResult result = calculator().compute(manifest, mapping);

        final String everything = result + CanonicalJson.toString(result.published())
                + CanonicalJson.toString(result.offChainSalts()) + result.offChainSalts() + mapping;
        assertThat(everything).doesNotContain("MRN-0001", "MRN,0002", "0002");
        assertThat(result.offChainSalts().toString()).doesNotContain(result.offChainSalts().get(0).itemSaltHex());
    }

    @Test
    void names_the_mapping_line_but_not_the_patient_when_a_salt_is_missing() throws Exception {
        final SubjectMapping mapping = SubjectMapping.parse("path,patientId\np1/scan1.dcm,MRN-0001\np2/scan1.dcm,MRN-9999\n");

        assertThatThrownBy(() -> calculator().compute(manifest, mapping))
                .isInstanceOf(SaltUnavailableException.class)
                .hasMessageContaining("mapping line 3")
                .hasMessageNotContaining("MRN-9999");
    }

    @Test
    void rejects_a_mapped_path_that_is_not_in_the_dataset() throws Exception {
        final SubjectMapping mapping = SubjectMapping.parse("p9/missing.dcm,MRN-0001\n");

        assertThatThrownBy(() -> calculator().compute(manifest, mapping))
                .isInstanceOf(MappingFormatException.class)
                .hasMessage("subject mapping line 1: p9/missing.dcm is not a file of the dataset"
                        + " (if line 1 is meant as a header, it must be exactly path,patientId)");
    }

    @Test
    void a_header_that_is_not_exactly_path_patient_id_is_named_as_the_header() {
        for (final String header : List.of("path, patientId", "Path,PatientID", "path,mrn", "path;patientId")) {
            assertThatThrownBy(() -> SubjectMapping.parse(header + "\np1/scan1.dcm,MRN-0001\n"))
                    .as(header)
                    .isInstanceOf(MappingFormatException.class)
                    .hasMessage("subject mapping line 1 looks like a header but is not exactly path,patientId"
                            + " (case and spaces matter); write it so, or remove the line");
        }
    }

    @Test
    void rejects_malformed_mapping_rows_without_naming_the_patient() {
        final Map<String, String> cases = Map.of(
                "a.txt,MRN-1\na.txt,MRN-2\n", "already mapped on line 1",
                "a.txt, MRN-1\n", "surrounding whitespace",
                "a.txt,\"MRN-1\n", "unterminated quoted field",
                "a.txt\n", "expected 2 fields",
                "../a.txt,MRN-1\n", "not a canonical dataset path");
        cases.forEach((csv, message) -> assertThatThrownBy(() -> SubjectMapping.parse(csv))
                .as(csv)
                .isInstanceOf(MappingFormatException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("MRN"));
    }

    @Test
    void parses_quoted_fields_and_crlf_line_ends() throws Exception {
        final SubjectMapping mapping = SubjectMapping.parse("path,patientId\r\n\"dir,with comma/a.txt\",\"say \"\"hi\"\"\"\r\n");

        assertThat(mapping.paths()).containsExactly("dir,with comma/a.txt");
        assertThat(mapping.row("dir,with comma/a.txt").patientId()).isEqualTo("say \"hi\"");
        assertThat(List.copyOf(mapping.paths())).hasSize(mapping.size());
    }

    @Test
    void reads_subject_salts_from_a_tab_separated_file() throws Exception {
        final Path file = TestFiles.write(dir.resolve("salts"), "salts.tsv",
                "# patient\tsalt\nMRN,0002\t" + "22".repeat(32) + "\n");

        final byte[] salt = SaltSource.fromFile(file).subjectSalt("MRN,0002");

        assertThat(salt).isEqualTo(HexFormat.of().parseHex("22".repeat(32)));
    }

    private ItemCommitmentCalculator calculator() {
        return ItemCommitmentCalculator.builder().saltSource(subjectSalts).itemSalts(itemSalts).build();
    }
}
