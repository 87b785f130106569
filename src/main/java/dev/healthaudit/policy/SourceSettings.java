package dev.healthaudit.policy;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The policy's {@code source} section. Which fields apply depends on {@link #type()}: {@code path} for CSV,
 * {@code connectionNames} for Scalekit, {@code url}, {@code username}, {@code password} and {@code query} for
 * JDBC; the others are {@code null} (or empty). A relative {@code path} stays relative to the working directory.
 */
public record SourceSettings(SourceType type, Path path, @DefaultValue List<String> connectionNames, String url,
		String username, String password, String query) {

	public SourceSettings {
		connectionNames = (connectionNames != null) ? List.copyOf(connectionNames) : List.of();
	}

	/** A CSV source reading {@code csv}. */
	public static SourceSettings csv(Path csv) {
		return new SourceSettings(SourceType.CSV, csv, List.of(), null, null, null, null);
	}

	// Policies get logged and printed in error reports: the database password must never travel with them, not even
	// inside the URL.
	@Override
	public String toString() {
		return "SourceSettings[type=" + this.type + ", path=" + this.path + ", connectionNames=" + this.connectionNames
				+ ", url=" + ((this.url != null) ? JdbcSourceRules.mask(this.url, this.password) : null) + ", username=" + this.username + ", password="
				+ ((this.password != null) ? "****" : null) + ", query=" + this.query + "]";
	}

}
