package dev.healthaudit.policy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * A positive HTTP timeout of at most 10 minutes: a call that takes longer is not coming
 * back.
 */
@DurationMin(nanos = 1,
		message = "invalid value {value} for '{key}' (expected a positive duration such as 500ms, 5s or 2m)")
@DurationMax(minutes = 10, message = "invalid value {value} for '{key}' (expected at most 10m)")
@Constraint(validatedBy = {})
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@interface HttpTimeout {

	String message() default "";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
