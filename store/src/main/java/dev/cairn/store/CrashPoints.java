package dev.cairn.store;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for crash-safety tests: when the system property {@code cairn.crash.at} names a
 * point ({@code name} or {@code name:N} for its N-th visit), the JVM halts there as abruptly as
 * {@code kill -9} would. Costs one volatile read per visit otherwise.
 */
public final class CrashPoints {
  private static final String POINT;
  private static final int AT_VISIT;
  private static final AtomicInteger visits = new AtomicInteger();

  static {
    String spec = System.getProperty("cairn.crash.at", "");
    int colon = spec.indexOf(':');
    POINT = colon < 0 ? spec : spec.substring(0, colon);
    AT_VISIT = colon < 0 ? 1 : Integer.parseInt(spec.substring(colon + 1));
  }

  private CrashPoints() {}

  public static void visit(String point) {
    if (!POINT.isEmpty() && POINT.equals(point) && visits.incrementAndGet() == AT_VISIT) {
      System.err.println("cairn: crash injected at " + point);
      Runtime.getRuntime().halt(137);
    }
  }
}
