package dev.healthaudit.policy;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.NullUnmarked;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.ResolvableType;

/**
 * The policy's {@code source} section, which binds to the settings record of its
 * {@code type}: so the type is bound first. A key of another source type has no place in
 * that record; it is refused as not applying to this type. A section without a usable
 * type is not bound: its type is reported, and keys that some type would take are not
 * reported as unknown.
 */
@NullUnmarked
final class SourceSection {

	private static final String SOURCE = "source";

	private static final ConfigurationPropertyName TYPE = ConfigurationPropertyName.of("source.type");

	/** The settings of every source type, in the order of the types. */
	private static final List<RecordComponent> SETTINGS = Arrays.stream(SourceType.values())
		.flatMap((type) -> Arrays.stream(type.settingsType().getRecordComponents()))
		.toList();

	private final PolicyDocument document;

	private final ConfigurationPropertySource properties;

	private final Problems problems;

	private final BindingProblems bindingProblems;

	private final CollectingBindHandler typeHandler = new CollectingBindHandler();

	private final Optional<SourceType> type;

	private final Map<RecordComponent, List<ConfigurationProperty>> otherTypeSettings = new TreeMap<>(
			Comparator.comparingInt(SETTINGS::indexOf));

	SourceSection(PolicyDocument document, ConfigurationPropertySource properties, Binder binder, Problems problems,
			BindingProblems bindingProblems) {
		this.document = document;
		this.properties = properties;
		this.problems = problems;
		this.bindingProblems = bindingProblems;
		this.type = isSection() ? bindType(binder) : Optional.empty();
	}

	/** The policy's type with the settings record of this section's type. */
	Bindable<PolicyProperties<?>> policyType() {
		Class<?> settings = this.type.map(SourceType::settingsType).orElse(SourceSettings.class);
		return Bindable.of(ResolvableType.forClassWithGenerics(PolicyProperties.class, settings));
	}

	/**
	 * Binds as {@code parent} does, except that a section of a type and no other setting
	 * stands for the type's defaults. It must be the outermost handler:
	 * {@code AbstractBindHandler} does not pass {@code onCreate} on.
	 */
	BindHandler withDefaults(BindHandler parent) {
		return new TypeDefaults(parent, this.type);
	}

	/**
	 * Takes a key the policy left unbound if it is this section's to judge: its type
	 * (which chose the record), a key of another source type (kept, to be refused by
	 * {@link #reportSettingsOfOtherTypes()}), any setting of a section without a usable
	 * type. Other keys are unknown.
	 */
	boolean takes(ConfigurationProperty unbound) {
		if (unbound.getName().equals(TYPE)) {
			return true;
		}
		Optional<RecordComponent> setting = settingOf(unbound.getName());
		if (setting.isEmpty()) {
			return false;
		}
		if (this.type.isEmpty()) {
			return true;
		}
		if (setting.get().getDeclaringRecord() == this.type.get().settingsType()) {
			return false;
		}
		this.otherTypeSettings.computeIfAbsent(setting.get(), (component) -> new ArrayList<>()).add(unbound);
		return true;
	}

	/** A type that could not be bound. */
	void reportUnreadType() {
		this.typeHandler.failures().forEach(this.bindingProblems::reportFailure);
	}

	/** A section without a type. */
	void reportMissingType() {
		if (!isSection() || this.type.isPresent() || !this.typeHandler.failures().isEmpty()) {
			return;
		}
		ConfigurationProperty written = this.properties.getConfigurationProperty(TYPE);
		if (written != null && BindingProblems.isBlank(written.getValue())) {
			this.bindingProblems.reportNoValue(written);
		}
		else {
			this.problems.addUnread(TYPE.toString(), this.document.line(SOURCE),
					"'source.type' is required (csv, scalekit or jdbc)");
		}
	}

	/**
	 * Settings of another source type, unless empty lists ({@code connection-names: []}):
	 * they set nothing.
	 */
	void reportSettingsOfOtherTypes() {
		this.otherTypeSettings.forEach((setting, written) -> {
			boolean emptyList = Collection.class.isAssignableFrom(setting.getType()) && written.size() == 1
					&& written.get(0).getName().getNumberOfElements() == 2
					&& BindingProblems.isBlank(written.get(0).getValue());
			if (!emptyList) {
				String key = SOURCE + "." + DataObjectPropertyName.toDashedForm(setting.getName());
				this.problems.add(key, "'" + key + "' does not apply to source type "
						+ this.type.get().name().toLowerCase(Locale.ROOT) + "; remove it");
			}
		});
	}

	private Optional<SourceType> bindType(Binder binder) {
		BindResult<SourceType> bound = binder.bind(TYPE, Bindable.of(SourceType.class), this.typeHandler);
		return bound.isBound() ? Optional.of(bound.get()) : Optional.empty();
	}

	// A source that is not a mapping (or an empty one) is left to binding and validation
	// to report.
	private boolean isSection() {
		return this.document.plain(SOURCE) instanceof Map<?, ?> section && !section.isEmpty();
	}

	/** The setting of some source type that {@code name} is or is below. */
	private static Optional<RecordComponent> settingOf(ConfigurationPropertyName name) {
		if (!TYPE.getParent().isAncestorOf(name)) {
			return Optional.empty();
		}
		String setting = name.getElement(1, Form.UNIFORM);
		return SETTINGS.stream().filter((component) -> uniformName(component).equals(setting)).findFirst();
	}

	private static String uniformName(RecordComponent setting) {
		return ConfigurationPropertyName.of(DataObjectPropertyName.toDashedForm(setting.getName()))
			.getElement(0, Form.UNIFORM);
	}

	/**
	 * A section with its type and no other setting binds to nothing, yet stands for the
	 * defaults of its type (a Scalekit source of every connection; a CSV source whose
	 * path validation then finds missing).
	 */
	private static final class TypeDefaults extends AbstractBindHandler {

		private final Optional<SourceType> type;

		TypeDefaults(BindHandler parent, Optional<SourceType> type) {
			super(parent);
			this.type = type;
		}

		@Override
		public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Object result) {
			return withDefaults(context, super.onSuccess(name, target, context, result));
		}

		@Override
		public Object onCreate(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
			return withDefaults(context, super.onCreate(name, target, context, result));
		}

		private Object withDefaults(BindContext context, Object result) {
			if (context.getDepth() == 0 && result instanceof PolicyProperties<?> policy && policy.source() == null
					&& this.type.isPresent()) {
				return policy.withSource(PolicyDefaults.of(this.type.get().settingsType()));
			}
			return result;
		}

	}

}
