package dev.healthaudit.command;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Publishes {@code audit.data-path}, the absolute form of {@code audit.data-dir}, for the
 * default H2 URL: H2 refuses relative file paths that do not start with {@code ./}, and a
 * user should be able to write {@code data} or {@code /var/lib/audit} alike.
 */
public class DataDirectoryEnvironmentPostProcessor implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String configured = environment.getProperty("audit.data-dir", "data");
		if (configured.contains(";")) {
			throw new IllegalArgumentException("audit.data-dir must not contain ';': " + configured);
		}
		String absolute = Path.of(configured).toAbsolutePath().normalize().toString();
		environment.getPropertySources()
			.addLast(new MapPropertySource("auditDataPath", Map.of("audit.data-path", absolute)));
	}

}
