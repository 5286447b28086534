package io.custodia.sdk.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.canonical.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
    private static final ManifestEntry B = new ManifestEntry("b.txt", 1, Hashes.sha256Hex("b"));
    private static final ManifestEntry A = new ManifestEntry("a/x.txt", 1, Hashes.sha256Hex("x"));

    @Test
    void round_trips_through_canonical_json() throws Exception {
        final Manifest manifest = Manifest.of(List.of(B, A));

        final Manifest parsed = Manifest.parse(manifest.toCanonicalJson());

        assertThat(parsed).isEqualTo(manifest);
        assertThat(parsed.files()).containsExactly(A, B);
        assertThat(parsed.manifestHash()).isEqualTo(Hashes.sha256Hex(manifest.toCanonicalJson()));
    }

    @Test
    void rejects_a_manifest_whose_root_does_not_match_its_entries() {
        final String json = new String(Manifest.of(List.of(A, B)).toCanonicalJson(), StandardCharsets.UTF_8)
                .replace(Hashes.sha256Hex("b"), Hashes.sha256Hex("c"));

        assertThatThrownBy(() -> Manifest.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ManifestFormatException.class)
                .hasMessageContaining("root does not match");
    }

    @Test
    void rejects_entries_out_of_canonical_order_or_repeated() {
        final String root = DatasetTree.root(List.of(A, B));

        assertThatThrownBy(() -> new Manifest(DatasetTree.ALGORITHM, List.of(B, A), root))
                .hasMessageContaining("out of canonical order");
        assertThatThrownBy(() -> Manifest.of(List.of(A, A))).hasMessageContaining("duplicate path a/x.txt");
    }

    @Test
    void rejects_paths_that_are_not_canonical() {
        for (final String bad : List.of("/abs", "a//b", "a/../b", "./a", "trailing/", "cafe\u0301")) {
            assertThatThrownBy(() -> new ManifestEntry(bad, 0, Hashes.sha256Hex("")))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void orders_paths_by_utf8_bytes_not_utf16_units() {
        final List<String> paths = new java.util.ArrayList<>(List.of("\uD83D\uDE00", "\uFF21", "Z", "a"));

        paths.sort(CanonicalPaths.ORDER);

        assertThat(paths).containsExactly("Z", "a", "\uFF21", "\uD83D\uDE00");
    }
}
