package dev.healthaudit.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.probe.RecommendedActions;
import dev.healthaudit.result.ResultRow;
import dev.healthaudit.result.RunTotals;

/**
 * {@code report.html}: one self-contained page for stakeholders, rendered by Thymeleaf
 * from a {@link RunSummary} and the top-N most severe accounts. Chart geometry is
 * computed here, so the template only places values; every value goes through
 * {@code th:text} or an attribute processor, which escape it.
 */
final class HtmlReport {

	/** One colour per health value, most severe first; greens for the healthy ones. */
	static final Map<Finding, String> COLOURS = new EnumMap<>(Finding.class);

	static {
		COLOURS.put(Finding.NOT_FOUND, "#525252");
		COLOURS.put(Finding.DISCONNECTED, "#991b1b");
		COLOURS.put(Finding.EXPIRED, "#dc2626");
		COLOURS.put(Finding.PROBE_UNAUTHORIZED, "#e11d48");
		COLOURS.put(Finding.PENDING_AUTH, "#f97316");
		COLOURS.put(Finding.PENDING_VERIFICATION, "#facc15");
		COLOURS.put(Finding.CONNECTION_MISCONFIGURED, "#7c3aed");
		COLOURS.put(Finding.ADMIN_ACTION_REQUIRED, "#c084fc");
		COLOURS.put(Finding.UNDER_SCOPED, "#0284c7");
		COLOURS.put(Finding.PROBE_FORBIDDEN, "#db2777");
		COLOURS.put(Finding.UNKNOWN_STATUS, "#78716c");
		COLOURS.put(Finding.INCONCLUSIVE, "#a8a29e");
		COLOURS.put(Finding.REFRESHED, "#86efac");
		COLOURS.put(Finding.HEALTHY, "#16a34a");
	}

	static final int BAR_CHART_WIDTH = 560;

	static final int BAR_LABEL_WIDTH = 150;

	static final int BAR_HEIGHT = 22;

	static final int BAR_GAP = 10;

	private final SpringTemplateEngine engine;

	HtmlReport() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(HtmlReport.class.getClassLoader());
		resolver.setPrefix("templates/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding("UTF-8");
		// SpEL, not OGNL (which the starter leaves out); a plain engine of our own, no
		// web server or context needed
		this.engine = new SpringTemplateEngine();
		this.engine.setTemplateResolver(resolver);
	}

	void write(RunSummary summary, HistorySummary history, List<ResultRow> mostSevere, long problems, Path file) {
		Context context = new Context(Locale.ROOT, model(summary, history, mostSevere, problems));
		try (Writer writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
			this.engine.process("report", context, writer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	static Map<String, Object> model(RunSummary summary, HistorySummary history, List<ResultRow> mostSevere,
			long problems) {
		Map<String, Object> model = new LinkedHashMap<>();
		RunTotals totals = summary.totals();
		model.put("run", summary.run());
		model.put("sandbox", summary.run().sandbox());
		model.put("environmentIncident",
				summary.environmentIncident()
					.map((incident) -> new EnvironmentAlert(incident.code(), incident.message(), incident.action()))
					.orElse(null));
		model.put("accounts", number(totals.accounts()));
		model.put("healthyPercent", percent(totals.healthyPercent()));
		model.put("userMustAct", number(totals.userMustAct()));
		model.put("inconclusive", number(summary.count(Finding.INCONCLUSIVE)));
		model.put("rejected", number(totals.rejected()));
		model.put("incidents",
				summary.incidents()
					.stream()
					.map((incident) -> new IncidentLine(incident.connectionName(), incident.incident(),
							incident.finding().name(), incident.action(), number(incident.accounts())))
					.toList());
		model.put("connectionChart", connectionChart(summary.connections()));
		model.put("legend", legend(summary.health()));
		model.put("findings", findingLines(summary.findings()));
		model.put("accountsShown", number(mostSevere.size()));
		model.put("accountsNeedingAction", number(problems));
		model.put("topAccounts",
				mostSevere.stream()
					.map((row) -> new AccountLine(row.identifier(), row.connectionName(), row.health().name(),
							COLOURS.get(row.health()), row.detail()))
					.toList());
		model.put("changes", summary.changes());
		model.put("changeCounts", List.of(number(summary.changes().appeared()), number(summary.changes().resolved()),
				number(summary.changes().persisting())));
		model.put("healthyTrend", TrendCharts.healthy(summary.trend()));
		model.put("problemTrend", TrendCharts.problems(summary.trend()));
		model.put("trendRuns", summary.trend().size());
		model.put("startedAt", SummaryJson.timestamp(summary.run().startedAt()));
		model.put("endedAt", SummaryJson.timestamp(summary.endedAt()));
		model.put("duration", duration(summary.duration()));
		model.put("apiCalls",
				summary.api()
					.calls()
					.entrySet()
					.stream()
					.map((entry) -> new Figure(entry.getKey(), number(entry.getValue())))
					.toList());
		model.put("apiTotal", number(summary.api().totalCalls()));
		model.put("retries", number(summary.api().retries()));
		model.put("rateLimitWait", duration(Duration.ofNanos(summary.api().rateLimitWaitNanos())));
		model.put("version", summary.version());
		HistoryHtml.put(model, history);
		return model;
	}

	/**
	 * A horizontal stacked bar per connection, bar length proportional to its number of
	 * accounts.
	 */
	static BarChart connectionChart(Map<String, Map<Finding, Long>> connections) {
		long widest = connections.values()
			.stream()
			.mapToLong((byHealth) -> byHealth.values().stream().mapToLong(Long::longValue).sum())
			.max()
			.orElse(0);
		List<Bar> bars = new ArrayList<>();
		int y = 0;
		for (Map.Entry<String, Map<Finding, Long>> connection : connections.entrySet()) {
			long total = connection.getValue().values().stream().mapToLong(Long::longValue).sum();
			List<Segment> segments = new ArrayList<>();
			double x = BAR_LABEL_WIDTH;
			for (Map.Entry<Finding, Long> health : connection.getValue().entrySet()) {
				double width = (double) BAR_CHART_WIDTH * health.getValue() / widest;
				segments.add(new Segment(svg(x), svg(width), COLOURS.get(health.getKey()),
						connection.getKey() + ": " + health.getKey().name() + " " + number(health.getValue()) + " ("
								+ percent(100.0 * health.getValue() / total) + ")"));
				x += width;
			}
			bars.add(new Bar(connection.getKey(), number(total), y, y + BAR_HEIGHT / 2 + 5, svg(x + 6), segments));
			y += BAR_HEIGHT + BAR_GAP;
		}
		int height = Math.max(y - BAR_GAP, BAR_HEIGHT);
		return new BarChart(BAR_LABEL_WIDTH + BAR_CHART_WIDTH + 80, height, BAR_HEIGHT, bars);
	}

	static List<LegendEntry> legend(Map<Finding, Long> health) {
		return health.keySet()
			.stream()
			.map((finding) -> new LegendEntry(finding.name(), COLOURS.get(finding)))
			.toList();
	}

	static List<FindingLine> findingLines(Map<Finding, Long> findings) {
		return findings.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().isProblem())
			.map((entry) -> new FindingLine(entry.getKey().name(), COLOURS.get(entry.getKey()),
					number(entry.getValue()), RecommendedActions.forFinding(entry.getKey())))
			.toList();
	}

	static String number(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	static String percent(double value) {
		return String.format(Locale.ROOT, "%.1f %%", value);
	}

	static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 60) {
			return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
		}
		if (seconds < 3600) {
			return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
		}
		return String.format(Locale.ROOT, "%d h %02d min %02d s", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
	}

	/** SVG coordinates with one decimal: enough for a screen, stable for golden files. */
	static String svg(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	static String timestamp(Instant instant) {
		return SummaryJson.timestamp(instant);
	}

	/** The run-level incident, shown before anything else. */
	record EnvironmentAlert(String incident, String message, String action) {
	}

	record IncidentLine(String connection, String incident, String finding, String action, String accounts) {
	}

	record BarChart(int width, int height, int barHeight, List<Bar> bars) {
	}

	record Bar(String label, String total, int y, int textY, String totalX, List<Segment> segments) {
	}

	record Segment(String x, String width, String colour, String title) {
	}

	record LegendEntry(String name, String colour) {
	}

	record FindingLine(String finding, String colour, String accounts, String action) {
	}

	record AccountLine(String identifier, String connection, String health, String colour, String detail) {
	}

	record Figure(String label, String value) {
	}

}
