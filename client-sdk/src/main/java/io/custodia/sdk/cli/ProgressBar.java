package io.custodia.sdk.cli;

import io.custodia.sdk.hashing.HashProgress;
import io.custodia.sdk.hashing.HashProgressListener;
import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr for hashing, redrawn at most ten times a second; drawn only when
 * stderr is a terminal so logs and pipes stay clean.
 *
 * <pre>{@code
 * ProgressBar bar = ProgressBar.forContext(ctx, "hashing");
 * DatasetHasher.builder().progress(bar).build().hash(dir);
 * bar.finish();
 * }</pre>
 */
public final class ProgressBar implements HashProgressListener {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final String label;
    private final boolean enabled;
    private long lastDraw;
    private boolean drawn;

    private ProgressBar(final PrintWriter err, final String label, final boolean enabled) {
        this.err = err;
        this.label = label;
        this.enabled = enabled;
    }

    public static ProgressBar forContext(final CliContext ctx, final String label) {
        return new ProgressBar(ctx.err(), label, ctx.errIsTerminal());
    }

    @Override
    public synchronized void onProgress(final HashProgress progress) {
        if (!enabled) {
            return;
        }
        final long now = System.nanoTime();
        final boolean done = progress.filesDone() == progress.filesTotal();
        if (!done && drawn && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        drawn = true;
        final double fraction = progress.bytesTotal() == 0 ? (done ? 1 : 0) : (double) progress.bytesDone() / progress.bytesTotal();
        final int filled = (int) Math.round(fraction * WIDTH);
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%", Math.round(fraction * 100)) + " " + progress.filesDone() + "/" + progress.filesTotal()
                + " files, " + (progress.bytesDone() >> 20) + "/" + (progress.bytesTotal() >> 20) + " MiB");
        err.flush();
    }

    /** Ends the bar's line. */
    public synchronized void finish() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }
}
