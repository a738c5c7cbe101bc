package dev.cairn.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cairn.store.InvalidArgumentException;
import dev.cairn.store.Namespaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tokens file: for each token its name, role, namespaces and the SHA-256 of the token. The
 * token itself is never stored; it is shown once, when created. Tokens are 256 random bits, so a
 * fast hash is enough: there is nothing to guess from.
 */
public final class TokenFile {
  private static final String PREFIX = "cairn_";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One stored token. */
  public record Entry(
      @JsonProperty("name") String name,
      @JsonProperty("sha256") String sha256,
      @JsonProperty("role") String role,
      @JsonProperty("namespaces") List<String> namespaces,
      @JsonProperty("created") String created) {}

  private record Contents(@JsonProperty("tokens") List<Entry> tokens) {}

  private final List<Entry> entries;
  private final List<byte[]> hashes;

  private TokenFile(List<Entry> entries) {
    this.entries = List.copyOf(entries);
    this.hashes = entries.stream().map(e -> HexFormat.of().parseHex(e.sha256())).toList();
  }

  /** Reads the file; a missing file is an empty token list. */
  public static TokenFile load(Path file) {
    if (!Files.exists(file)) {
      return new TokenFile(List.of());
    }
    try {
      Contents c = JSON.readValue(file.toFile(), Contents.class);
      List<Entry> tokens = c.tokens() == null ? List.of() : c.tokens();
      for (Entry e : tokens) {
        Role.parse(e.role());
        if (e.sha256() == null || e.sha256().length() != 64) {
          throw new InvalidArgumentException(
              "Cannot read tokens file " + file + ": token '" + e.name() + "' has no sha256");
        }
      }
      return new TokenFile(tokens);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidArgumentException("Cannot read tokens file " + file + ": " + e.getMessage());
    }
  }

  public List<Entry> entries() {
    return entries;
  }

  /**
   * Creates a token, stores its hash in {@code file} (written atomically, mode 0600) and returns
   * the token, which is not kept anywhere else.
   */
  public static String create(
      Path file, String name, Set<String> namespaces, Role role, Clock clock) {
    if (name.isBlank()) {
      throw new InvalidArgumentException("Cannot create token: its name is empty");
    }
    if (namespaces.isEmpty()) {
      throw new InvalidArgumentException(
          "Cannot create token '" + name + "': give at least one --namespace");
    }
    for (String ns : namespaces) {
      if (!ns.equals(Principal.ALL_NAMESPACES)) {
        Namespaces.validate(ns);
      }
    }
    TokenFile current = load(file);
    if (current.entries.stream().anyMatch(e -> e.name().equals(name))) {
      throw new InvalidArgumentException(
          "Cannot create token '" + name + "': " + file + " already has a token of that name");
    }
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    List<Entry> next = new ArrayList<>(current.entries);
    next.add(
        new Entry(
            name,
            HexFormat.of().formatHex(sha256(token)),
            role.name().toLowerCase(java.util.Locale.ROOT),
            namespaces.stream().sorted().toList(),
            clock.instant().toString()));
    write(file, next);
    return token;
  }

  /**
   * The principal a presented token stands for. Every stored hash is compared, in constant time, so
   * the time taken says nothing about which token or how much of one matched.
   */
  public Optional<Principal> authenticate(String token) {
    byte[] presented = sha256(token);
    Entry match = null;
    for (int i = 0; i < hashes.size(); i++) {
      if (MessageDigest.isEqual(presented, hashes.get(i))) {
        match = entries.get(i);
      }
    }
    return Optional.ofNullable(match)
        .map(e -> new Principal(e.name(), Role.parse(e.role()), Set.copyOf(e.namespaces())));
  }

  private static void write(Path file, List<Entry> entries) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".tokens", ".tmp");
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      Files.write(tmp, JSON.writeValueAsBytes(new Contents(entries)));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write tokens file " + file, e);
    }
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
