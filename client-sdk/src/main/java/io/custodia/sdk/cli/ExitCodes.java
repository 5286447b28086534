package io.custodia.sdk.cli;

/**
 * Exit codes of {@code custodia}, distinct per kind of failure so scripts can branch on them.
 *
 * <pre>{@code
 * custodia verify ./copy --dataset ds-001; case $? in 0) ok;; 1) tampered;; 5) retry_later;; esac
 * }</pre>
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** A verification ran and found a mismatch (local copy, custody chain, access trail, ledger). */
    public static final int MISMATCH = 1;
    /** Bad command line or configuration: unknown option, missing argument, malformed URL. */
    public static final int USAGE = 2;
    /** A local input cannot be used: missing or unreadable directory or file, malformed CSV, JSON, PEM. */
    public static final int INPUT = 3;
    /** The gateway refused the request with a 4xx (401 token, 403 role, 400 field errors, 404, 409). */
    public static final int REJECTED = 4;
    /** The gateway or its ledger is unavailable: no connection, timeout, 5xx, unreadable answer. */
    public static final int UNAVAILABLE = 5;
    /** A bug in this program; the message says what happened. */
    public static final int INTERNAL = 70;

    private ExitCodes() {}
}
