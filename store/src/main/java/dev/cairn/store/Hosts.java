package dev.cairn.store;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This machine's name ({@code $HOSTNAME}, else what the resolver says), for snapshot sources, ref
 * log actors, lease holders and CSI node ids.
 */
public final class Hosts {
  private static final String NAME = lookup();

  private Hosts() {}

  /** The name, looked up once. */
  public static String name() {
    return NAME;
  }

  private static String lookup() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
