package io.custodia.chaincode.duo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DuoCompatibilityTest {

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
        // permission, purpose, covered
        "NRES, GRU, true",
        "NRES, HMB, true",
        "NRES, DS(MONDO:0005148), true",
        "NRES, POA, true",
        "NRES, NRES, true",
        "GRU, GRU, true",
        "GRU, HMB, true",
        "GRU, DS(MONDO:0005148), true",
        "GRU, POA, true",
        "GRU, NRES, false",
        "HMB, HMB, true",
        "HMB, DS(MONDO:0005148), true",
        "HMB, GRU, false",
        "HMB, POA, false",
        "DS(MONDO:0005148), DS(MONDO:0005148), true",
        "DS(MONDO:0005148), DS(MONDO:0004975), false",
        "DS(MONDO:0005148), HMB, false",
        "DS(MONDO:0005148), GRU, false",
        "DS(MONDO:0005148), POA, false",
        "POA, POA, true",
        "POA, GRU, false",
        "POA, HMB, false",
        "POA, DS(MONDO:0005148), false",
    })
    void applies_the_duo_compatibility_table(final String permission, final String purpose, final boolean covered) {
        DuoTerm p = term(permission);
        DuoTerm q = term(purpose);

        boolean result = DuoCompatibility.covers(p, q);

        assertThat(result).isEqualTo(covered);
    }

    @ParameterizedTest(name = "any of {0} covers {1}: {2}")
    @CsvSource({
        "'POA,DS(MONDO:0005148)', DS(MONDO:0005148), true",
        "'POA,DS(MONDO:0005148)', HMB, false",
        "'POA,HMB', DS(MONDO:0004975), true",
    })
    void any_of_several_consented_purposes_may_cover_a_request(final String permissions, final String purpose, final boolean covered) {
        List<DuoTerm> terms = java.util.Arrays.stream(permissions.split(",")).map(DuoCompatibilityTest::term).collect(java.util.stream.Collectors.toList());

        boolean result = DuoCompatibility.anyCovers(terms, term(purpose));

        assertThat(result).isEqualTo(covered);
    }

    private static DuoTerm term(final String text) {
        if (text.startsWith("DS(")) {
            return new DuoTerm(DuoPermission.DS, text.substring(3, text.length() - 1));
        }
        return DuoTerm.of(DuoPermission.valueOf(text));
    }
}
