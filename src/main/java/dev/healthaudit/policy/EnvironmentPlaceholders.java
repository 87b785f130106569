package dev.healthaudit.policy;

import java.util.Map;

import org.springframework.boot.context.properties.bind.PlaceholdersResolver;
import org.springframework.util.PlaceholderResolutionException;
import org.springframework.util.PropertyPlaceholderHelper;

/**
 * Resolves {@code ${NAME}} and {@code ${NAME:default}} from a supplied environment map
 * rather than from the Spring {@code Environment}, so a policy means the same thing in a
 * test as in production and never picks up unrelated Spring properties. {@code \${...}}
 * stays literal.
 */
final class EnvironmentPlaceholders implements PlaceholdersResolver {

	private static final PropertyPlaceholderHelper HELPER = new PropertyPlaceholderHelper("${", "}", ":", '\\', false);

	private final Map<String, String> environment;

	EnvironmentPlaceholders(Map<String, String> environment) {
		this.environment = Map.copyOf(environment);
	}

	@Override
	public Object resolvePlaceholders(Object value) {
		return (value instanceof String text) ? resolve(text) : value;
	}

	/**
	 * {@code text} with every placeholder replaced; throws
	 * {@link UnresolvablePlaceholderException}.
	 */
	String resolve(String text) {
		try {
			return HELPER.replacePlaceholders(text, this.environment::get);
		}
		catch (PlaceholderResolutionException ex) {
			throw new UnresolvablePlaceholderException(ex.getPlaceholder(), ex);
		}
	}

	/** A {@code ${NAME}} whose variable is not set and that has no default. */
	static final class UnresolvablePlaceholderException extends IllegalArgumentException {

		private final String placeholder;

		UnresolvablePlaceholderException(String placeholder, Throwable cause) {
			super("Unresolvable placeholder '${" + placeholder + "}'", cause);
			this.placeholder = placeholder;
		}

		String placeholder() {
			return this.placeholder;
		}

		/**
		 * The problem of the policy, for a placeholder found in the value of {@code key}.
		 */
		String problemAt(String key) {
			return "unresolvable placeholder '${" + this.placeholder + "}' in '" + key + "' (environment variable "
					+ this.placeholder + " is not set)";
		}

	}

}
