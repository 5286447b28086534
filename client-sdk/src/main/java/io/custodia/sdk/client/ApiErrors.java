package io.custodia.sdk.client;

/** Status to exception type: the one place that decides which subclass an HTTP error becomes. */
final class ApiErrors {
    private ApiErrors() {}

    static CustodiaApiException of(final int status, final Problem problem) {
        return switch (status) {
            case 400 -> new InvalidRequestException(status, problem);
            case 401 -> new UnauthenticatedException(status, problem);
            case 403 -> new ForbiddenException(status, problem);
            case 404 -> new NotFoundException(status, problem);
            case 409 -> new ConflictException(status, problem);
            case 429 -> new RateLimitedException(status, problem);
            default -> status >= 500 ? new ServiceUnavailableException(status, problem) : new CustodiaApiException(status, problem);
        };
    }
}
