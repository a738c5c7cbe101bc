/**
 * MLMD's filter_query language for listing artifacts, executions and contexts.
 *
 * <p>Grammar (keywords case-insensitive, names case-sensitive):
 *
 * <pre>
 * filter    = or
 * or        = and { OR and }
 * and       = not { AND not }
 * not       = NOT not | '(' or ')' | predicate
 * predicate = field cmp literal | field [NOT] IN '(' literal {',' literal} ')'
 *           | field [NOT] LIKE string | field IS [NOT] NULL
 * cmp       = '=' | '!=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='
 * literal   = 'string' | "string" | integer | decimal | TRUE | FALSE | ENUM_CONSTANT
 * </pre>
 *
 * <p>Fields:
 *
 * <ul>
 *   <li>attributes: {@code id}, {@code type_id}, {@code type} (the type's name, any version),
 *       {@code name}, {@code external_id}, {@code create_time_since_epoch}, {@code
 *       last_update_time_since_epoch}; artifacts also {@code uri} and {@code state}, executions
 *       {@code last_known_state};
 *   <li>{@code properties.<name>.<kind>} and {@code custom_properties.<name>.<kind>} with kind
 *       {@code int_value}, {@code double_value}, {@code string_value} or {@code bool_value}; a name
 *       with other characters goes in backticks: {@code properties.`a:b`.string_value};
 *   <li>neighbours through an alias of letters, digits and underscores: {@code
 *       contexts_<alias>.<attribute>} and {@code events_<alias>.type|execution_id|artifact_id|
 *       milliseconds_since_epoch} on artifacts and executions, {@code parent_contexts_<alias>.*}
 *       and {@code child_contexts_<alias>.*} on contexts, where a context attribute is one of the
 *       context attributes above.
 * </ul>
 *
 * <p>Strings take backslash escapes ({@code \' \" \\ \n \t \r}); in LIKE, {@code %} matches any
 * run, {@code _} one character, and a backslash makes the next character literal. Enum constants
 * (states, event types) are written bare: {@code state = LIVE}. Ordering operators apply to numbers
 * and strings only; LIKE to strings only.
 *
 * <p>Semantics are SQL's, as in MLMD's relational backends: an unset attribute or property (or one
 * of another value kind) is NULL, comparisons with NULL are UNKNOWN, and a node matches only when
 * the filter is TRUE; each alias is an inner join, so a node matches when some assignment of its
 * neighbours to the aliases makes the filter TRUE. Not supported from MLMD's grammar: arithmetic
 * ({@code type_id + 1 > 1}) and the {@code artifacts_<alias>} / {@code executions_<alias>}
 * neighbours of contexts.
 */
package dev.cairn.lineage.filter;
