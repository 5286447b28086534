package io.custodia.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.canonical.InvalidJsonException;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.Bodies;
import io.javalin.http.Context;
import java.lang.reflect.Proxy;

/**
 * Runs a request body through the gateway's real body parser ({@link Bodies#read}, i.e. the mapper of
 * {@code GatewayApp.jsonMapper()} with the strict settings) and a handler's validation, and checks
 * the fuzz invariant: the body is accepted, or refused as a bad request — {@link ApiException} with
 * status 400 and field errors, or the canonical layer's {@link InvalidJsonException}, which the error
 * mapper turns into the same 400. Any other exception escapes to the fuzzer: it would be a 500.
 */
public final class FuzzBodies {
    private FuzzBodies() {}

    /** What a handler does with the parsed body before it writes anything. */
    @FunctionalInterface
    public interface Validation<T> {
        void check(T body) throws Exception;
    }

    /** Parses {@code body} as {@code type}, validates it, and checks the invariant; true if accepted. */
    public static <T> boolean acceptedOrBadRequest(final String body, final Class<T> type, final Validation<T> validation)
            throws Exception {
        try {
            final T parsed = Bodies.read(context(body), type);
            assertThat(parsed).isNotNull();
            validation.check(parsed);
            return true;
        } catch (ApiException refused) {
            assertThat(refused.status()).as(refused.getMessage()).isEqualTo(400);
            assertThat(refused.fieldErrors()).as(refused.getMessage()).isNotEmpty();
            assertThat(refused.fieldErrors()).allSatisfy(e -> assertThat(e.field()).isNotEmpty());
            return false;
        } catch (InvalidJsonException refused) {
            assertThat(refused.field()).isNotEmpty();
            return false;
        }
    }

    /**
     * A request context that has only a body: {@link Bodies#read} reads nothing else, and any other
     * call fails loudly instead of answering something made up.
     */
    private static Context context(final String body) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class}, (proxy, method, args) -> {
            if (method.getName().equals("body") && method.getParameterCount() == 0) {
                return body;
            }
            throw new UnsupportedOperationException("the fuzzed context has only a body, not " + method.getName());
        });
    }
}
