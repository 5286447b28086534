package io.custodia.gateway.crash;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The violations found so far, each printed the moment it is found. A write is reported once (a
 * retry that keeps failing the same way after every restart is one finding, not one per kill).
 */
final class Findings {
    private final long seed;
    private final List<Violation> all = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();
    private volatile int kill;

    Findings(final long seed) {
        this.seed = seed;
    }

    void atKill(final int number) {
        this.kill = number;
    }

    synchronized void add(final String check, final Write write, final String expected, final Object found) {
        add(check, write.describe(), expected, found);
    }

    synchronized void add(final String check, final String what, final String expected, final Object found) {
        if (!reported.add(check + " " + what)) {
            return;
        }
        final Violation v = new Violation(seed, kill, check, what, expected, String.valueOf(found));
        all.add(v);
        System.err.println("crash-loop VIOLATION " + v);
    }

    synchronized List<Violation> all() {
        return List.copyOf(all);
    }

    synchronized int count() {
        return all.size();
    }
}
