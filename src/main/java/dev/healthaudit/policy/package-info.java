/**
 * The audit policy: a YAML file (product §6) read into an
 * {@link dev.healthaudit.policy.AuditPolicy} before any API call, every mistake in it
 * reported at once, each naming the file, the line and the key.
 *
 * <p>
 * How a file is read, in {@link dev.healthaudit.policy.PolicyLoader#load}:
 * <ol>
 * <li>{@code PolicyYaml} parses the YAML once. Each value keeps the line it was written
 * on, as Spring Boot's own YAML loader keeps it.</li>
 * <li>{@code PolicyDocument} flattens it into origin-tracked properties as Boot would,
 * with two exceptions: connection names go in brackets
 * ({@code connections[Google Mail:prod]}), so that they bind as map keys exactly as
 * written, and probe params are left out, since they are free-form and go to the tool
 * verbatim.</li>
 * <li>{@code PolicyBinder} binds everything in one pass of Boot's {@code Binder} to
 * {@code PolicyProperties}, immutable records whose {@code @DefaultValue} annotations are
 * the only place defaults are written. The {@code source} section binds to the record of
 * its type ({@link dev.healthaudit.policy.SourceSettings} is sealed: CSV, Scalekit list,
 * JDBC), so a setting of another type has no field to go to and is refused as not
 * applying.</li>
 * <li>Boot's {@code ValidationBindHandler} runs Bean Validation on the bound policy:
 * ranges, required keys, names and durations are jakarta or Hibernate Validator
 * constraints on the records. Their messages are templates filled in by
 * {@code PolicyValidator}, never with raw values.</li>
 * <li>What needs the YAML tree or several settings together is checked by hand: the shape
 * of {@code connections} in {@code ConnectionEntries}; backoffs in order, a JDBC source
 * that only reads ({@link dev.healthaudit.policy.JdbcSourceRules}) and probes that only
 * read ({@code ProbeSafety}) in {@code PolicyChecks}.</li>
 * </ol>
 *
 * <p>
 * Nothing along the way throws at the first mistake: binding failures, unknown keys and
 * violations are collected in {@code Problems}, which reports them in file order in one
 * {@link dev.healthaudit.policy.InvalidPolicyException}. A value that could not be read
 * (not converted, a placeholder not set) is reported once: rules about it or its section
 * are not judged on the default it fell back to. {@code ${NAME}} placeholders resolve
 * from the environment map given to the loader, never from Spring properties, so a policy
 * means the same in a test as in production.
 */
@NullMarked
package dev.healthaudit.policy;

import org.jspecify.annotations.NullMarked;
