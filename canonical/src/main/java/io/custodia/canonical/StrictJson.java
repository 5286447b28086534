package io.custodia.canonical;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The one definition of strict JSON reading, shared by canonical JSON (ledger arguments and state)
 * and the gateway's API bodies: duplicate members, unknown members, trailing data, {@code null} for
 * primitives and numbers for enums are refused, and no scalar is coerced into another type — no
 * {@code "5"} or {@code true} for a number, no {@code 1.5} for an integer, no {@code 0} or
 * {@code "true"} for a boolean, no number or boolean for a string.
 *
 * <pre>{@code
 * ObjectMapper mapper = StrictJson.apply(JsonMapper.builder()).build();
 * }</pre>
 */
public final class StrictJson {
    private StrictJson() {}

    /** Sets the strict reading rules on {@code builder} and returns it. */
    public static <B extends MapperBuilder<?, B>> B apply(final B builder) {
        builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        refuse(builder, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Boolean, CoercionInputShape.Float);
        refuse(builder, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Boolean);
        refuse(builder, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Integer, CoercionInputShape.Float);
        refuse(builder, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        return builder;
    }

    private static void refuse(final MapperBuilder<?, ?> builder, final LogicalType type, final CoercionInputShape... shapes) {
        builder.withCoercionConfig(type, config -> {
            for (final CoercionInputShape shape : shapes) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        });
    }
}
