package io.custodia.gateway.crash;

/**
 * One broken promise found by the crash loop: enough to reproduce and to see what went wrong.
 *
 * @param seed the run's seed ({@code -Dcustodia.crashloop.seed=} replays the same choices)
 * @param kill the kill after which it was found (0 = before the first kill)
 * @param check which promise: e.g. {@code retry-converges}, {@code acknowledged-survives}
 * @param write the write concerned, with its Idempotency-Key
 * @param expected what the contract says
 * @param found what the gateway did
 */
record Violation(long seed, int kill, String check, String write, String expected, String found) {
    @Override
    public String toString() {
        return String.format("seed %d, kill %d, %s: %s%n    expected: %s%n    found:    %s", seed, kill, check, write, expected, found);
    }
}
