package dev.healthaudit.policy;

/**
 * Where the accounts to audit come from (product §4.1): one source per run, each with its
 * own settings.
 */
public enum SourceType {

	/** A CSV file with {@code identifier} and {@code connection_name} columns. */
	CSV(SourceSettings.Csv.class),

	/**
	 * Scalekit's list API: every connected account, optionally of some connections only.
	 */
	SCALEKIT(SourceSettings.ScalekitList.class),

	/** A SQL query against the user's own database. */
	JDBC(SourceSettings.Jdbc.class);

	private final Class<? extends SourceSettings> settingsType;

	SourceType(Class<? extends SourceSettings> settingsType) {
		this.settingsType = settingsType;
	}

	/** The record that holds the settings of a source of this type. */
	public Class<? extends SourceSettings> settingsType() {
		return this.settingsType;
	}

}
