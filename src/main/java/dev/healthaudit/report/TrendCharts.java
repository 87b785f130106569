package dev.healthaudit.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.healthaudit.result.RunTotals;

/**
 * The report's two trend charts over the last runs, as SVG geometry for the template: the
 * healthy share on a fixed 0-100 % scale, and accounts with problems as bars scaled to
 * the largest.
 */
final class TrendCharts {

	static final int TREND_WIDTH = 320;

	static final int TREND_HEIGHT = 160;

	private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	/** Healthy share per run on a fixed 0-100 % scale. */
	static TrendChart healthy(List<RunTotals> trend) {
		List<Point> points = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < trend.size(); i++) {
			RunTotals run = trend.get(i);
			double x = trendX(i, trend.size());
			double y = TrendChart.TOP + TrendChart.PLOT_HEIGHT * (1 - run.healthyPercent() / 100);
			points.add(new Point(HtmlReport.svg(x), HtmlReport.svg(y), "0", "", label(run),
					run.runId() + ": " + HtmlReport.percent(run.healthyPercent()) + " healthy",
					HtmlReport.percent(run.healthyPercent())));
			line.append((i == 0) ? "" : " ").append(HtmlReport.svg(x)).append(',').append(HtmlReport.svg(y));
		}
		return new TrendChart(line.toString(), points, "100 %", "0 %");
	}

	/** Accounts with problems per run, bars scaled to the largest. */
	static TrendChart problems(List<RunTotals> trend) {
		long most = trend.stream().mapToLong(RunTotals::problems).max().orElse(0);
		List<Point> points = new ArrayList<>();
		for (int i = 0; i < trend.size(); i++) {
			RunTotals run = trend.get(i);
			double height = (most == 0) ? 0 : TrendChart.PLOT_HEIGHT * (double) run.problems() / most;
			double y = TrendChart.TOP + TrendChart.PLOT_HEIGHT - height;
			double x = trendX(i, trend.size());
			points.add(new Point(HtmlReport.svg(x), HtmlReport.svg(y), HtmlReport.svg(height),
					HtmlReport.svg(x - TrendChart.BAR_WIDTH / 2), label(run),
					run.runId() + ": " + HtmlReport.number(run.problems()) + " accounts with problems",
					HtmlReport.number(run.problems())));
		}
		return new TrendChart("", points, HtmlReport.number(most), "0");
	}

	private static double trendX(int index, int count) {
		double step = (double) TrendChart.PLOT_WIDTH / Math.max(count, 1);
		return TrendChart.LEFT + step * index + step / 2;
	}

	private static String label(RunTotals run) {
		return SHORT_DATE.format(run.startedAt());
	}

	/**
	 * A run in a trend chart: centre x, top y, bar height and left x (bars only), axis
	 * label, tooltip, value.
	 */
	record Point(String x, String y, String height, String barX, String label, String title, String value) {

		/** Values are printed above their mark: a printed report has no tooltips. */
		public String valueY() {
			return HtmlReport.svg(Math.max(Double.parseDouble(this.y) - 7, 9));
		}

	}

	/** Geometry shared by both trend charts. */
	record TrendChart(String polyline, List<Point> points, String topLabel, String bottomLabel) {

		static final int LEFT = 40;

		static final int TOP = 20;

		static final int PLOT_WIDTH = TREND_WIDTH - LEFT - 8;

		static final int PLOT_HEIGHT = TREND_HEIGHT - TOP - 34;

		/** Wide enough to read, narrow enough for ten runs side by side. */
		static final double BAR_WIDTH = 18;

		public int width() {
			return TREND_WIDTH;
		}

		public int height() {
			return TREND_HEIGHT;
		}

		public int left() {
			return LEFT;
		}

		public int top() {
			return TOP;
		}

		public int bottom() {
			return TOP + PLOT_HEIGHT;
		}

		public int right() {
			return LEFT + PLOT_WIDTH;
		}

		public String barWidth() {
			return HtmlReport.svg(BAR_WIDTH);
		}

	}

	private TrendCharts() {
	}

}
