package io.custodia.gateway.crash;

import io.custodia.gateway.GatewayMain;

/**
 * Main class of the crash loop's child JVM: {@link GatewayMain} itself, after narrowing what the
 * Fabric shim scans for contracts. The shim's contract router scans every class file named by
 * {@code java.class.path} (ClassGraph cannot read the application loader's URLs and falls back to that
 * property); on the gateway's full class path that is most of each restart. If the system property
 * {@value #SCAN_PATH} is set it replaces {@code java.class.path} for that scan; classes still load
 * from the real class path, fixed when the JVM started. A missed contract would fail the load's
 * writes of that kind, which the test requires to succeed.
 */
public final class CrashLoopChild {
    /** Class-path entries holding the contracts, data types and serializers (see the class comment). */
    static final String SCAN_PATH = "custodia.crashloop.scanPath";

    private CrashLoopChild() {}

    public static void main(final String[] args) throws InterruptedException {
        final String scanPath = System.getProperty(SCAN_PATH);
        if (scanPath != null) {
            System.setProperty("java.class.path", scanPath);
        }
        GatewayMain.main(args);
    }
}
