package io.custodia.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link MerkleTree} against the RFC 6962 test vectors of Certificate Transparency, as published in
 * github.com/transparency-dev/merkle {@code testonly/constants.go} ({@code LeafInputs()},
 * {@code NodeHashes()}, {@code RootHashes()}; the same values as google/certificate-transparency's
 * tree tests): eight leaf inputs, their leaf hashes, and the roots of the trees of sizes 0 to 8.
 */
class MerkleTreeRfc6962Test {
    private static final List<String> LEAF_INPUTS = List.of(
            "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    private static final List<String> LEAF_HASHES = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1");

    /** Index = tree size, over the first {@code size} leaf inputs. */
    private static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    /** Inner nodes of the size-8 tree, level 1: hashes of leaf pairs (0,1), (2,3), (4,5), (6,7). */
    private static final List<String> LEVEL_ONE = List.of(
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0");

    @Test
    void leaf_hashes_of_the_eight_inputs_match_the_vectors() {
        for (int i = 0; i < LEAF_INPUTS.size(); i++) {
            assertThat(Hashes.hex(MerkleTree.leafHash(Hashes.fromHex(LEAF_INPUTS.get(i))))).as("leaf %d", i)
                    .isEqualTo(LEAF_HASHES.get(i));
        }
    }

    @Test
    void roots_of_the_trees_of_sizes_zero_to_eight_match_the_vectors() {
        for (int size = 0; size <= LEAF_INPUTS.size(); size++) {
            final List<byte[]> leaves = new ArrayList<>();
            for (final String input : LEAF_INPUTS.subList(0, size)) {
                leaves.add(MerkleTree.leafHash(Hashes.fromHex(input)));
            }

            assertThat(Hashes.hex(MerkleTree.rootOfLeafHashes(leaves))).as("size %d", size).isEqualTo(ROOTS.get(size));
        }
    }

    @Test
    void node_hashes_of_leaf_pairs_match_the_vectors() {
        for (int pair = 0; pair < LEVEL_ONE.size(); pair++) {
            final byte[] left = Hashes.fromHex(LEAF_HASHES.get(2 * pair));
            final byte[] right = Hashes.fromHex(LEAF_HASHES.get(2 * pair + 1));

            assertThat(Hashes.hex(MerkleTree.nodeHash(left, right))).as("pair %d", pair).isEqualTo(LEVEL_ONE.get(pair));
        }
    }
}
