package dev.cairn.store.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name, for snapshot sources and ref log actors. */
final class Hosts {
  private static final String NAME = lookup();

  private Hosts() {}

  static String name() {
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
