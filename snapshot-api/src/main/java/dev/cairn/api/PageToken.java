package dev.cairn.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque page tokens: a listing's cursor fields, tagged with the listing and its filters so a token
 * is only accepted by the listing that issued it. Opaque to clients, not secret.
 */
public final class PageToken {
  public static final int DEFAULT_PAGE_SIZE = 100;
  public static final int MAX_PAGE_SIZE = 1000;
  private static final String SEP = "\u001f";

  private PageToken() {}

  public static String encode(String scope, List<String> fields) {
    String text = scope + SEP + String.join(SEP, fields);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor fields; 400 if the token is malformed or was issued for another scope. */
  public static List<String> decode(String scope, String token, int fieldCount) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("Invalid page_token: it is not a token this server issued");
    }
    List<String> parts = List.of(text.split(SEP, -1));
    if (parts.size() != fieldCount + 1 || !parts.get(0).equals(scope)) {
      throw ApiException.badRequest(
          "Invalid page_token: it belongs to another listing or other filters");
    }
    return parts.subList(1, parts.size());
  }

  /** The page size from {@code limit}: default when absent, 400 beyond the maximum. */
  public static int pageSize(Call call) {
    long limit = call.queryLong("limit", DEFAULT_PAGE_SIZE);
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw ApiException.badRequest("Invalid limit " + limit + ": use 1 to " + MAX_PAGE_SIZE);
    }
    return (int) limit;
  }
}
