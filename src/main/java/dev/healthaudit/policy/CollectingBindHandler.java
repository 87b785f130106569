package dev.healthaudit.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.NullUnmarked;

import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.convert.DurationUnit;

/**
 * Records what binding finds wrong instead of throwing it, so that one run reports every
 * problem of a policy: values that cannot be converted (binding goes on with the default,
 * or nothing) and keys that no setting takes. It also refuses two values that Spring
 * would quietly accept: a fraction for a whole number ({@code concurrency: 2.5} would
 * become 2) and a bare number for a duration ({@code read-timeout: 20} would be 20ms,
 * almost surely not what was meant), unless the setting declares a {@link DurationUnit}.
 */
@NullUnmarked
final class CollectingBindHandler extends NoUnboundElementsBindHandler {

	private final List<Failure> failures = new ArrayList<>();

	private final List<ConfigurationProperty> unbound = new ArrayList<>();

	private final List<String> attemptedKeys = new ArrayList<>();

	CollectingBindHandler() {
		super(BindHandler.DEFAULT);
	}

	/** Values that could not be bound, in the order they were met. */
	List<Failure> failures() {
		return this.failures;
	}

	/**
	 * Keys that no setting took, except those below a value that failed (they are
	 * reported once, as invalid).
	 */
	List<ConfigurationProperty> unbound() {
		return this.unbound.stream().filter((property) -> !failedOrBelow(property.getName())).toList();
	}

	/**
	 * The position of {@code key} in binding order (the order of the settings records),
	 * for sorting messages.
	 */
	int bindingOrder(String key) {
		int index = this.attemptedKeys.indexOf(key);
		return (index >= 0) ? index : Integer.MAX_VALUE;
	}

	@Override
	public <T> Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
		this.attemptedKeys.add(PolicyKeys.of(name));
		return super.onStart(name, target, context);
	}

	@Override
	public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
		Object written = (context.getConfigurationProperty() != null) ? context.getConfigurationProperty().getValue()
				: null;
		Class<?> type = target.getType().resolve(Object.class);
		if (written instanceof Number number && isWholeNumberType(type) && !isWholeNumber(number)) {
			throw new IllegalArgumentException("a whole number is needed, not " + number);
		}
		if (written instanceof Number && type == Duration.class && target.getAnnotation(DurationUnit.class) == null) {
			throw new DurationWithoutUnitException();
		}
		return super.onSuccess(name, target, context, result);
	}

	@Override
	public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error)
			throws Exception {
		if (error instanceof UnboundConfigurationPropertiesException unbound) {
			// elements a list could not take (a list inside a list of text): unknown, not
			// a reason to give up
			this.unbound.addAll(unbound.getUnboundProperties());
		}
		else {
			this.failures.add(new Failure(name, target, context.getConfigurationProperty(), error));
		}
		return null;
	}

	@Override
	public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result)
			throws Exception {
		try {
			super.onFinish(name, target, context, result);
		}
		catch (UnboundConfigurationPropertiesException ex) {
			this.unbound.addAll(ex.getUnboundProperties());
		}
	}

	private boolean failedOrBelow(ConfigurationPropertyName name) {
		return this.failures.stream()
			.anyMatch((failure) -> failure.name().equals(name) || failure.name().isAncestorOf(name));
	}

	private static boolean isWholeNumberType(Class<?> type) {
		return type == int.class || type == Integer.class || type == long.class || type == Long.class;
	}

	private static boolean isWholeNumber(Number number) {
		return number instanceof Integer || number instanceof Long;
	}

	/**
	 * A value that could not be bound; {@code property} is null when the value was not a
	 * single property.
	 */
	record Failure(ConfigurationPropertyName name, Bindable<?> target, ConfigurationProperty property,
			Exception error) {

	}

	/** A duration written as a bare number: Spring would read it as milliseconds. */
	static final class DurationWithoutUnitException extends IllegalArgumentException {

		DurationWithoutUnitException() {
			super("a duration needs a unit");
		}

	}

}
