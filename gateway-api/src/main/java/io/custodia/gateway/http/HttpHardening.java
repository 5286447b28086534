package io.custodia.gateway.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * A servlet filter in front of Javalin, for what must hold for every request and every response,
 * errors included:
 *
 * <ul>
 *   <li>The method is the request line's. Javalin routes by {@code X-HTTP-Method-Override} when it is
 *       present, so a {@code POST} with {@code X-HTTP-Method-Override: DELETE} would revoke a consent
 *       past any proxy or firewall rule that allows only {@code POST}; the header is hidden here.</li>
 *   <li>Security headers: nothing is cached (answers carry pointers and personal audit data), no
 *       content sniffing, no referrer, and for everything but the Swagger UI a CSP that lets an API
 *       answer run, load or frame nothing if a browser ever renders it.</li>
 * </ul>
 */
final class HttpHardening implements Filter {
    /** The only header Javalin's {@code Context.method()} reads; the others are listed for proxies' sake. */
    static final List<String> METHOD_OVERRIDES = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

    /** Set on every response. */
    static final Map<String, String> HEADERS = Map.of(
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");
    /** API answers are data, never a page: nothing may load, run or frame them. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static void install(final ServletContextHandler context) {
        context.addFilter(new FilterHolder(new HttpHardening()), "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    /** Sets the security headers on {@code response} for a request to {@code path}. */
    static void secure(final HttpServletResponse response, final String path) {
        HEADERS.forEach(response::setHeader);
        if (!swaggerUi(path)) {
            response.setHeader("Content-Security-Policy", API_CSP);
        }
    }

    /** The Swagger UI page and its assets run scripts and styles of their own. */
    static boolean swaggerUi(final String path) {
        return path != null && (path.equals("/swagger") || path.startsWith("/swagger/") || path.startsWith("/webjars/"));
    }

    @Override
    public void doFilter(final ServletRequest request, final ServletResponse response, final FilterChain chain)
            throws IOException, ServletException {
        final HttpServletRequest http = (HttpServletRequest) request;
        secure((HttpServletResponse) response, http.getRequestURI());
        chain.doFilter(new WithoutMethodOverride(http), response);
    }

    /** The request without method-override headers. */
    private static final class WithoutMethodOverride extends HttpServletRequestWrapper {
        WithoutMethodOverride(final HttpServletRequest request) {
            super(request);
        }

        private static boolean hidden(final String name) {
            return METHOD_OVERRIDES.stream().anyMatch(h -> h.equalsIgnoreCase(name));
        }

        @Override
        public String getHeader(final String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(final String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream().filter(n -> !hidden(n)).toList());
        }
    }
}
