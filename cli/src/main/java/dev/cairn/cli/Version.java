package dev.cairn.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest. */
final class Version implements IVersionProvider {
  /** The version alone, such as {@code 0.1.0-SNAPSHOT}, or {@code dev} outside a jar. */
  static String text() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"cairn " + text()};
  }
}
