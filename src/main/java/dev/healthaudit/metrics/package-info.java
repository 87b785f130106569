/**
 * The run's meters, and getting them out of a process that does not live long enough to
 * be scraped.
 *
 * <p>
 * Design: Micrometer through Spring Boot
 * ({@code spring-boot-starter-micrometer-metrics}), which also gives Spring Batch the
 * {@code ObservationRegistry} for its {@code spring.batch.*} observations; the job and
 * steps are built per run, so {@code job/} hands them the registry itself.
 * {@link dev.healthaudit.metrics.AuditMetrics} holds our own {@code audit.*} meters
 * (listed in the README's "Operations"):
 * <ul>
 * <li>API calls are counted by a {@link dev.healthaudit.scalekit.CallListener} composed
 * with the rate budgets and the call counter, so the client knows nothing of
 * metrics.</li>
 * <li>Retries and rate-limit waits are function counters over the run's own tallies
 * ({@code AuditCounters}, {@code RateBudgets}), so nothing is counted twice.</li>
 * <li>{@code audit.accounts} counts audits this process performed (a duplicate input pair
 * or a chunk replayed after a crash is audited again); the run's result counts are in
 * {@code summary.json}.</li>
 * <li>Tag values come from closed sets (health values, policy connections, routes,
 * statuses): no identifier ever becomes a tag, which keeps cardinality bounded and
 * personal data out.</li>
 * </ul>
 *
 * <p>
 * A batch job is gone before Prometheus could scrape it, so
 * {@link dev.healthaudit.metrics.PushgatewayPush} pushes the Prometheus registry once, at
 * the end of the run, with the Prometheus client's own Pushgateway exporter: job
 * {@code account_health_audit}, grouping key {@code policy}, so a policy's latest run
 * replaces its previous one and policies never overwrite each other. We push ourselves
 * instead of using Spring Boot's Pushgateway support because the grouping key is known
 * only once the policy is read and the push must come after the run's last meter, not on
 * a timer or at context close (by then the registry is closed). A push failure is logged
 * with the gateway's host and never changes the exit code.
 *
 * <p>
 * {@link dev.healthaudit.metrics.MeterValues} flattens the meters into the
 * {@code metrics} map of {@code summary.json} as they stand when the report is written,
 * so the job timer and the run duration are only in the push. Meters are per process: a
 * run resumed in another process pushes that process's figures.
 */
@NullMarked
package dev.healthaudit.metrics;

import org.jspecify.annotations.NullMarked;
