/**
 * The application's entry point; the features live in the sub-packages (see the README's
 * "Development").
 */
@NullMarked
package dev.healthaudit;

import org.jspecify.annotations.NullMarked;
