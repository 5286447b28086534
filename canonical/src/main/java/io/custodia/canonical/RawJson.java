package io.custodia.canonical;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * JSON text that is canonical already — a record as {@link CanonicalJson} stored it — embedded
 * verbatim when the value around it is encoded, instead of being parsed into objects and encoded
 * again. A page of 100 stored records costs a copy, not 100 parses and a re-encoding.
 *
 * <p>Only for bytes that {@link CanonicalJson} produced (state written by the chaincode itself): the
 * text is not re-checked, so anything else would make the enclosing encoding non-canonical.
 *
 * <pre>{@code
 * Page<RawJson> page = state.page(...).map(kv -> RawJson.of(kv.getValue()));
 * String json = CanonicalJson.toString(page);
 * }</pre>
 */
public final class RawJson implements JsonSerializable {
    private final String text;

    private RawJson(final String text) {
        this.text = text;
    }

    /** Wraps canonical UTF-8 JSON bytes. */
    public static RawJson of(final byte[] canonicalUtf8) {
        Objects.requireNonNull(canonicalUtf8, "canonicalUtf8");
        return new RawJson(new String(canonicalUtf8, StandardCharsets.UTF_8));
    }

    @Override
    public void serialize(final JsonGenerator gen, final SerializerProvider serializers) throws IOException {
        gen.writeRawValue(text);
    }

    @Override
    public void serializeWithType(final JsonGenerator gen, final SerializerProvider serializers, final TypeSerializer typeSer)
            throws IOException {
        serialize(gen, serializers);
    }

    @Override
    public String toString() {
        return text;
    }
}
