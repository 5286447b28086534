package io.custodia.sdk.client;

import java.util.Objects;

/**
 * A development token from {@code POST /dev/tokens}.
 *
 * <pre>{@code
 * String token = client.devToken(request).token();
 * CustodiaClient asOrg1 = CustodiaClient.builder().baseUrl(url).token(token).build();
 * }</pre>
 *
 * @param token the JWT
 * @param tokenType {@code Bearer}
 * @param expiresIn lifetime in seconds
 */
public record DevToken(String token, String tokenType, long expiresIn) {
    public DevToken {
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "DevToken[" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
