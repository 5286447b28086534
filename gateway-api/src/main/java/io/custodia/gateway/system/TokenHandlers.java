package io.custodia.gateway.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.custodia.gateway.auth.DevTokenIssuer;
import io.custodia.gateway.auth.Principal;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.Bodies;
import io.custodia.gateway.http.ProblemDocument;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code POST /dev/tokens}: development tokens, served only when the gateway runs in embedded development mode. */
public final class TokenHandlers {
    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}");
    private static final Duration MAX_TTL = Duration.ofHours(24);

    private final DevTokenIssuer issuer;

    public TokenHandlers(final DevTokenIssuer issuer) {
        this.issuer = issuer;
    }

    /** Request body of {@code POST /dev/tokens}. */
    public record TokenRequest(
            @JsonProperty("role") String role,
            @JsonProperty("institution") String institution,
            @JsonProperty("subject") String subject,
            @JsonProperty("ttlSeconds") Long ttlSeconds) {}

    @OpenApi(path = "/dev/tokens", methods = HttpMethod.POST, summary = "Development token (embedded mode only)", tags = "System",
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = TokenRequest.class)),
            responses = {@OpenApiResponse(status = "201", content = @OpenApiContent(type = "application/json")),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ProblemDocument.class, type = "application/problem+json"))})
    public void issue(final Context ctx) {
        final TokenRequest request = Bodies.read(ctx, TokenRequest.class);
        final List<ApiException.FieldError> errors = new ArrayList<>();
        final UserRole role = request.role() == null ? null : UserRole.fromClaim(request.role()).orElse(null);
        if (role == null) {
            errors.add(new ApiException.FieldError("role", "must be one of institution, auditor, patient, proxy"));
        }
        if (request.institution() == null || !MSP_ID.matcher(request.institution()).matches()) {
            errors.add(new ApiException.FieldError("institution", "must be an MSP ID such as Org1MSP"));
        }
        if (request.subject() == null || !SUBJECT.matcher(request.subject()).matches()) {
            errors.add(new ApiException.FieldError("subject", "must be an identifier of letters, digits and . _ @ : -"));
        }
        final Duration ttl = Duration.ofSeconds(request.ttlSeconds() == null ? 3600 : request.ttlSeconds());
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            errors.add(new ApiException.FieldError("ttlSeconds", "must be between 1 and " + MAX_TTL.toSeconds()));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        final String token = issuer.issue(new Principal(role, request.institution(), request.subject()), ttl);
        ctx.status(201).json(Map.of("token", token, "tokenType", "Bearer", "expiresIn", ttl.toSeconds()));
    }
}
