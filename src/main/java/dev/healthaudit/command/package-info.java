/**
 * The command line: {@code java -jar <jar> --policy=... [--input=...] [--reports-dir=...] [--sandbox]}.
 *
 * <p>
 * Design: the composition root of a run. {@link dev.healthaudit.command.AuditCommand} validates everything that can be
 * validated before any API call (policy, input header, credentials), exits 2 with one clear message when something is
 * wrong, decides whether this start resumes an unfinished run of the same policy or begins a new one, assembles the
 * run's collaborators and hands them to the job. Exit codes follow product §6 and are returned through Spring Boot's
 * {@code ExitCodeGenerator}, so {@code main} exits with them.
 */
package dev.healthaudit.command;
