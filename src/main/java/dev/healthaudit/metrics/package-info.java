/**
 * The run's meters, and getting them out of a process that does not live long enough to be scraped.
 *
 * <p>
 * Design: Micrometer through Spring Boot ({@code spring-boot-starter-micrometer-metrics}, which also gives Spring
 * Batch the {@code ObservationRegistry} it reports {@code spring.batch.job}, {@code .step}, {@code .item.read},
 * {@code .item.process} and {@code .chunk.write} through; the job and steps are built per run, so {@code job/} hands
 * them the registry itself). {@link dev.healthaudit.metrics.AuditMetrics} holds our own meters:
 * <ul>
 * <li>{@code audit.accounts} (counter; tags {@code health}, {@code connection}): audits performed by this process,
 * counted on the worker thread as each account is done. An input pair listed twice is audited before the store
 * rejects the duplicate, and a chunk replayed after a crash is audited again, so this counts work done; the run's
 * result counts are in {@code summary.json}'s {@code counts};</li>
 * <li>{@code audit.api.calls} (counter; {@code route}, {@code status}, {@code none} when no answer came): fed as the
 * Scalekit client's {@link dev.healthaudit.scalekit.CallListener}, composed with the rate budgets and the call
 * counter, so the client knows nothing of metrics;</li>
 * <li>{@code audit.retries} and {@code audit.ratelimit.wait} (per {@code budget}, seconds): function counters that
 * read the run's own tallies ({@code AuditCounters}, {@code RateBudgets}), so nothing is counted twice;</li>
 * <li>{@code audit.run.duration} (timer; {@code outcome}: the exit code's name), recorded once as the command
 * ends.</li>
 * </ul>
 * Tag values come from closed sets (health values, policy connections, routes, statuses): no identifier ever
 * becomes a tag, which keeps cardinality bounded and personal data out.
 *
 * <p>
 * A batch job is gone before Prometheus could scrape it, so {@link dev.healthaudit.metrics.PushgatewayPush} pushes
 * everything in the Prometheus registry once, at the end of the run, with the Prometheus client's own Pushgateway
 * exporter (text format, HTTP PUT): job {@code account_health_audit}, grouping key {@code policy}, so a policy's
 * latest run replaces its previous one and policies never overwrite each other. We push ourselves instead of using
 * Spring Boot's Pushgateway support because the grouping key is known only once the policy is read and the push
 * must happen after the run's last meter, not on a timer or at context close (by then the registry is closed).
 * A push failure is logged with the gateway's host and never changes the exit code.
 *
 * <p>
 * {@link dev.healthaudit.metrics.MeterValues} flattens the {@code audit.*} and {@code spring.batch.*} meters into
 * the {@code metrics} map of {@code summary.json}, as they stand when the report is written (before the job
 * finishes: the job timer and the run duration are therefore only in the push). Meters are per process: a run
 * resumed in another process pushes that process's figures.
 */
@NullMarked
package dev.healthaudit.metrics;

import org.jspecify.annotations.NullMarked;
