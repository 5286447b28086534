package io.custodia.sdk.cli;

/**
 * A failure a command reports to the user with a message and an {@link ExitCodes exit code}.
 *
 * <pre>{@code
 * throw new CliException(ExitCodes.INPUT, "not a directory: " + dir);
 * }</pre>
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CliException(final int exitCode, final String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(final int exitCode, final String message, final Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
