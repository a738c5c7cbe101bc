package dev.cairn.cli.steps;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Quotes words for a POSIX shell, so a printed command line runs exactly the recorded argv. */
public final class ShellWords {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellWords() {}

  public static String quote(String word) {
    if (SAFE.matcher(word).matches()) {
      return word;
    }
    // Inside single quotes nothing is special except the quote itself, which ends and reopens.
    return "'" + word.replace("'", "'\\''") + "'";
  }

  public static String join(List<String> words) {
    return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
  }
}
