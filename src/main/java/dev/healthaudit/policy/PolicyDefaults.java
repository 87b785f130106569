package dev.healthaudit.policy;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * Settings bound from nothing: the {@code @DefaultValue} annotations of a settings record
 * are the one place its defaults are written, for a policy file and for code alike.
 */
final class PolicyDefaults {

	private PolicyDefaults() {
	}

	static <T> T of(Class<T> type) {
		return new Binder().bindOrCreate("policy", type);
	}

}
