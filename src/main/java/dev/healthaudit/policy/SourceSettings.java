package dev.healthaudit.policy;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.NullUnmarked;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The policy's {@code source} section: one record per {@link SourceType}, chosen by the
 * section's {@code type}, so that a setting of another type (a {@code query} for a CSV
 * file) has no place to go. The loader refuses such a key when it reads the file.
 */
@NullUnmarked
public sealed interface SourceSettings permits SourceSettings.Csv, SourceSettings.ScalekitList, SourceSettings.Jdbc {

	/** The type of source these settings are for. */
	SourceType type();

	/** A CSV file. A relative {@code path} stays relative to the working directory. */
	record Csv(
			@NotNull(message = "'{key}' is required for source type csv", payload = ReportedAtSection.class) Path path)
			implements
				SourceSettings {

		@Override
		public SourceType type() {
			return SourceType.CSV;
		}

	}

	/**
	 * Scalekit's list API: the accounts of {@code connectionNames}, or of every
	 * connection when it is empty.
	 */
	record ScalekitList(@DefaultValue @Size(max = 20,
			message = "'{key}' lists {size} connections; at most 20 are allowed") List<@Pattern(
					regexp = ConnectionPolicy.NAME_PATTERN,
					message = ScalekitList.INVALID_NAME) String> connectionNames)
			implements
				SourceSettings {

		static final String INVALID_NAME = "invalid connection name {value} in '{key}' " + ConnectionPolicy.NAME_RULE;

		public ScalekitList {
			connectionNames = (connectionNames != null) ? List.copyOf(connectionNames) : List.of();
		}

		@Override
		public SourceType type() {
			return SourceType.SCALEKIT;
		}

	}

	/**
	 * A SQL query against the user's database, which must only read: see
	 * {@link JdbcSourceRules}. Its {@code toString} masks the password, also inside the
	 * URL, since policies get logged and printed in error reports.
	 */
	record Jdbc(
			@NotBlank(message = "'{key}' is required for source type jdbc",
					payload = ReportedAtSection.class) String url,
			String username, String password, @NotBlank(message = "'{key}' is required for source type jdbc",
					payload = ReportedAtSection.class) String query)
			implements
				SourceSettings {

		@Override
		public SourceType type() {
			return SourceType.JDBC;
		}

		@Override
		public String toString() {
			return "Jdbc[url=" + ((this.url != null) ? JdbcSourceRules.mask(this.url, this.password) : null)
					+ ", username=" + this.username + ", password=" + ((this.password != null) ? "****" : null)
					+ ", query=" + this.query + "]";
		}

	}

}
