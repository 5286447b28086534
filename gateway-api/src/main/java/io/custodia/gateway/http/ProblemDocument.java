package io.custodia.gateway.http;

import java.util.List;

/**
 * Schema of the RFC 9457 problem details every error answers with; documentation only — {@link ErrorMapper}
 * writes the actual bodies.
 */
public record ProblemDocument(String type, String title, int status, String detail, String instance, List<ApiException.FieldError> errors) {}
