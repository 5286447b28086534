package io.custodia.chaincode.support;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.InvalidJsonException;
import org.hyperledger.fabric.shim.ChaincodeException;

/** Parses transaction arguments; malformed input becomes {@link ErrorCode#INVALID_ARGUMENT} naming the field. */
public final class Args {
    private Args() {}

    public static <T> T parse(final String json, final Class<T> type) {
        try {
            return CanonicalJson.parse(json, type);
        } catch (InvalidJsonException e) {
            throw invalid(e);
        }
    }

    /** Runs a check that throws {@link InvalidJsonException} and maps it the same way. */
    public static <T> T check(final java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidJsonException e) {
            throw invalid(e);
        }
    }

    public static int pageSize(final String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("pageSize", "must be a whole number");
        }
    }

    private static ChaincodeException invalid(final InvalidJsonException e) {
        return ErrorCode.INVALID_ARGUMENT.exception(e.field(), e.reason());
    }
}
