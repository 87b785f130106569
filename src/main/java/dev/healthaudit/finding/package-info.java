/**
 * The findings vocabulary shared by the probe, the results store and the reports.
 *
 * <p>
 * Design: one enum in severity order, so that "an account's health is its most severe
 * finding" is a plain comparison; a package of its own because the policy
 * ({@code fail-on}), the probe, the results store and the reports all speak it.
 */
@NullMarked
package dev.healthaudit.finding;

import org.jspecify.annotations.NullMarked;
